package main_test

import (
	"regexp"
	"runtime"
	"testing"
)

// Every spelling of "which leakvet is this" prints one line on stdout:
// the program name, leakvet's version (never the go command's "(devel)")
// and the Go that built it, and exits 0.
func TestVersion(t *testing.T) {
	want := regexp.MustCompile(`^leakvet v\d+\.\d+\.\d+\S* ` + regexp.QuoteMeta(runtime.Version()) + ` \S+/\S+\n$`)
	for _, args := range [][]string{{"-version"}, {"--version"}, {"version"}, {"-V"}} {
		stdout, stderr, code := run(t, fixture("clean"), binary, args...)
		if code != 0 || stderr != "" || !want.MatchString(stdout) {
			t.Errorf("leakvet %v: exit %d, stdout %q, stderr %q; want one line matching %s", args, code, stdout, stderr, want)
		}
	}
	// go vet's own query is unitchecker's, not ours.
	stdout, _, code := run(t, fixture("clean"), binary, "-V=full")
	if code != 0 || !regexp.MustCompile(`^\S*leakvet version .*buildID=`).MatchString(stdout) {
		t.Errorf("leakvet -V=full: exit %d, %q", code, stdout)
	}
}
