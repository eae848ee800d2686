// Package tableloops: a directory removed after the subtests of a
// table-driven test, or at the end of every iteration over the table.
package tableloops

import (
	"os"
	"path/filepath"
	"testing"
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
