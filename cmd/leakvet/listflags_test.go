package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storeModule has a resource type with a release method, and code that
// leaks one.
func storeModule(t *testing.T) string {
	return writeModule(t, map[string]string{
		"store/store.go": "package store\n\ntype Conn struct{}\n\nfunc Dial() (*Conn, error) { return &Conn{}, nil }\n\nfunc (*Conn) Shutdown() {}\n\nfunc (*Conn) Ping() error { return nil }\n",
		"use/use.go":     "package use\n\nimport \"example.com/m/store\"\n\nfunc Ping() error {\n\tc, err := store.Dial()\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn c.Ping()\n}\n",
	})
}

// TestListFlagTypos: an entry naming a type, constructor, release method
// or package that does not exist stops the run with a message naming the
// entry, standalone and under go vet, and -fix writes nothing; the right
// entry finds the leak and its fix compiles.
func TestListFlagTypos(t *testing.T) {
	const right = "example.com/m/store.Conn:Shutdown=example.com/m/store.Dial"
	for _, tc := range []struct {
		name, entry, want string
	}{
		{"release the type lacks", "example.com/m/store.Conn:Shutdwn=example.com/m/store.Dial", `entry "example.com/m/store.Conn:Shutdwn=example.com/m/store.Dial": example.com/m/store.Conn has no method Shutdwn`},
		{"misspelt constructor", "example.com/m/store.Conn:Shutdown=example.com/m/store.Dail", "package example.com/m/store declares no function Dail"},
		{"misspelt type", "example.com/m/store.Con:Shutdown=example.com/m/store.Dial", "package example.com/m/store declares no type Con"},
		{"package that does not exist", "example.com/m/stor.Conn:Shutdown=example.com/m/stor.Dial", "a list flag names package example.com/m/stor, which cannot be found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := storeModule(t)
			_, stderr, code := run(t, dir, binary, "-unclosed.types="+tc.entry, "-fix", "./...")
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("standalone -fix: exit %d, stderr:\n%s\nwant exit 1 and %s", code, stderr, tc.want)
			}
			if data, _ := os.ReadFile(filepath.Join(dir, "use", "use.go")); strings.Contains(string(data), "defer") {
				t.Errorf("-fix wrote a release for a bad entry:\n%s", data)
			}
			if tc.name == "package that does not exist" {
				return // go vet sees one package at a time: it cannot tell
			}
			_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "-unclosed.types="+tc.entry, "./...")
			// go vet renders one error per package, the first it meets
			// in a map: the entry's own, or the directives analyzer's
			// "failed prerequisites", which depends on the failed one.
			if code == 0 || !strings.Contains(stderr, tc.want) && !strings.Contains(stderr, "failed prerequisites: unclosed") {
				t.Errorf("go vet: exit %d, stderr:\n%s\nwant a failure with %s", code, stderr, tc.want)
			}
			// go fix writes nothing (it does not print the analyzer's
			// error either: the go command keeps it to itself).
			_, stderr, code = run(t, dir, "go", "fix", "-fixtool="+binary, "-unclosed.types="+tc.entry, "./...")
			if data, _ := os.ReadFile(filepath.Join(dir, "use", "use.go")); strings.Contains(string(data), "defer") {
				t.Errorf("go fix: exit %d, stderr:\n%s\nuse.go:\n%s\nwant nothing written", code, stderr, data)
			}
		})
	}
	t.Run("right entry", func(t *testing.T) {
		dir := storeModule(t)
		_, stderr, code := run(t, dir, binary, "-unclosed.types="+right, "-fix", "./...")
		if code != 0 || !strings.Contains(stderr, "applied 1 fixes") {
			t.Errorf("-fix with the right entry: exit %d\n%s", code, stderr)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "use", "use.go"))
		if !strings.Contains(string(data), "\tdefer c.Shutdown()\n") {
			t.Errorf("-fix did not write the release:\n%s", data)
		}
		if _, stderr, code := run(t, dir, "go", "build", "./..."); code != 0 {
			t.Errorf("the fixed code does not build:\n%s", stderr)
		}
		// Control for go fix: with the right entry, it writes the release.
		dir = storeModule(t)
		run(t, dir, "go", "fix", "-fixtool="+binary, "-unclosed.types="+right, "./...")
		if data, _ := os.ReadFile(filepath.Join(dir, "use", "use.go")); !strings.Contains(string(data), "\tdefer c.Shutdown()\n") {
			t.Errorf("go fix with the right entry did not write the release:\n%s", data)
		}
	})
}
