// Package tableloops: a directory removed after the subtests of a
// table-driven test, or at the end of every iteration over the table.
package tableloops

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The table literal has cases, so the loop body runs and removes the
// directory; a t.Fatal inside a subtest ends only that subtest.
func TestRemovedEachCase(t *testing.T) {
	dir, err := os.MkdirTemp("", "cases")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, file string }{
		{"one", "a.txt"},
		{"two", "b.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, tc.file), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		})
		os.RemoveAll(dir)
	}
}

// The same, with the removal after the loop over a literal array.
func TestRemovedAfterSubtests(t *testing.T) {
	dir, err := os.MkdirTemp("", "subtests")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range [...]string{"x", "y"} {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(dir); err != nil {
				t.Fatal(err)
			}
		})
	}
	os.RemoveAll(dir)
}

// casesFrom may return no cases: then the loop never runs and the
// directory stays behind.
func casesFrom(env string) []string {
	if env == "" {
		return nil
	}
	return filepath.SplitList(env)
}

func TestRemovedOnlyInLoop(t *testing.T) {
	dir, err := os.MkdirTemp("", "maybe") // want `dir from os.MkdirTemp is not removed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range casesFrom(os.Getenv("CASES")) {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		})
		os.RemoveAll(dir)
	}
}

// An empty table literal: the loop body never runs.
func TestRemovedInEmptyTable(t *testing.T) {
	dir, err := os.MkdirTemp("", "empty") // want `dir from os.MkdirTemp is not removed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{} {
		t.Run(name, func(t *testing.T) {})
		os.RemoveAll(dir)
	}
}

// The loop runs over the expected events plus one: it reaches the
// iteration where i == len(events), which shuts the listener down, before
// it can leave through its condition. A timeout inside fails the test.
func TestShutdownAfterEvents(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	events := []string{"accept", "read", "write"}
	got := make(chan string, 1)
	want := append(events, "closed")
	for i, w := range want {
		if i == len(events) {
			ln.Close()
		}
		select {
		case g := <-got:
			if g != w {
				t.Errorf("event %d = %q, want %q", i, g, w)
			}
		case <-time.After(time.Second):
			t.Fatalf("timed out waiting for %q", w)
		}
	}
}

// The twin: a keepalive received in the last round skips the shutdown,
// and the loop still ends.
func TestShutdownSkippedByKeepalive(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want `ln from net.Listen is not closed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	events := []string{"accept", "read", "write"}
	got := make(chan string, 1)
	want := append(events, "closed")
	for i, w := range want {
		var g string
		select {
		case g = <-got:
		case <-time.After(time.Second):
			t.Fatalf("timed out waiting for %q", w)
		}
		if g == "keepalive" {
			continue
		}
		if i == len(events) {
			ln.Close()
		}
		if g != w {
			t.Errorf("event %d = %q, want %q", i, g, w)
		}
	}
}
