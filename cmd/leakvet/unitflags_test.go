package main

import "testing"

// Output flags leave a dependency's facts alone; flags that extend the
// engine's tables or choose analyzers, and anything unparsed, do not.
func TestFlagsKeepFacts(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, true},
		{[]string{"-json"}, true},
		{[]string{"-json", "-c=2", "-generated=true", "--fix", "-diff", "-testcleanup.failpath"}, true},
		{[]string{"-unclosed.types=example.com/db.Conn"}, false},
		{[]string{"-clientreuse.constructors=example.com/x.New"}, false},
		{[]string{"-clientreuse.entries=example.com/x.Handler"}, false},
		{[]string{"-unclosed=false"}, false},
		{[]string{"-gocancel"}, false},
		{[]string{"-c", "2"}, false},
	} {
		if got := flagsKeepFacts(tc.args); got != tc.want {
			t.Errorf("flagsKeepFacts(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
