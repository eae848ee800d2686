package runcache

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func key(t *testing.T, dir string, patterns ...string) string {
	t.Helper()
	k, err := Key(dir, patterns, "flags")
	if err != nil {
		t.Fatalf("Key(%s, %q): %v", dir, patterns, err)
	}
	return k
}

// TestKeyFollowsSourceContent: the key changes with the content of a Go
// file, go.mod or go.sum, and with the caller's inputs; it stays when
// only files the go command does not build change (a README, testdata,
// a nested module) or a file is rewritten with the same bytes.
func TestKeyFollowsSourceContent(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "p", "p.go"), "package p\n")
	base := key(t, dir, "./...")

	write(t, filepath.Join(dir, "p", "p.go"), "package p\n")
	write(t, filepath.Join(dir, "README.md"), "words\n")
	write(t, filepath.Join(dir, "p", "testdata", "x.go"), "package x\n")
	write(t, filepath.Join(dir, "nested", "go.mod"), "module example.com/nested\n")
	write(t, filepath.Join(dir, "nested", "n.go"), "package n\n")
	if k := key(t, dir, "./..."); k != base {
		t.Errorf("key changed although no source of the module did")
	}
	if k, _ := Key(dir, []string{"./..."}, "other flags"); k == base {
		t.Errorf("key ignores the caller's inputs")
	}
	if k := key(t, dir, "./p"); k == base {
		t.Errorf("key ignores the patterns")
	}
	write(t, filepath.Join(dir, "p", "p.go"), "package p\n\n// touched\n")
	touched := key(t, dir, "./...")
	if touched == base {
		t.Errorf("key unchanged after a Go file changed")
	}
	write(t, filepath.Join(dir, "go.sum"), "example.com/x v1.0.0 h1:abc=\n")
	if k := key(t, dir, "./..."); k == touched {
		t.Errorf("key unchanged after go.sum changed")
	}
}

// TestKeyRefusesWhatItCannotCover: patterns outside the module, a local
// replace and a workspace make a run uncacheable; a replace by a module
// version does not.
func TestKeyRefusesWhatItCannotCover(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "m")
	write(t, filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.26\n\nreplace example.com/x => example.com/y v1.0.0\n")
	write(t, filepath.Join(mod, "m.go"), "package m\n")
	key(t, mod, "./...")
	for _, patterns := range [][]string{{"example.com/m/..."}, {"std"}, {"../..."}, {"/elsewhere/..."}} {
		if _, err := Key(mod, patterns); !errors.Is(err, ErrUncacheable) {
			t.Errorf("Key(%q) = %v, want ErrUncacheable", patterns, err)
		}
	}
	write(t, filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.26\n\nreplace (\n\texample.com/x => ../x\n)\n")
	if _, err := Key(mod, []string{"./..."}); !errors.Is(err, ErrUncacheable) {
		t.Errorf("local replace: %v, want ErrUncacheable", err)
	}
	write(t, filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "go.work"), "go 1.26\n\nuse ./m\n")
	if _, err := Key(mod, []string{"./..."}); !errors.Is(err, ErrUncacheable) {
		t.Errorf("workspace: %v, want ErrUncacheable", err)
	}
	t.Setenv("GOWORK", "off")
	key(t, mod, "./...")
}

// TestCacheStoresAndTrims: what Put stores Get returns; the least
// recently used entries beyond the bound are dropped.
func TestCacheStoresAndTrims(t *testing.T) {
	t.Setenv("LEAKVET_CACHE", t.TempDir())
	c, err := Open()
	if err != nil || c == nil {
		t.Fatalf("Open: %v, %v", c, err)
	}
	if _, ok := c.Get("nothing"); ok {
		t.Errorf("Get of a missing key succeeded")
	}
	if err := c.Put("k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if v, ok := c.Get("k"); !ok || string(v) != "v" {
		t.Errorf("Get = %q, %v", v, ok)
	}
	for i := range maxEntries + 5 {
		if err := c.Put("e"+string(rune('a'+i%26))+string(rune('a'+i/26)), nil); err != nil {
			t.Fatal(err)
		}
	}
	if entries, _ := os.ReadDir(c.dir); len(entries) > maxEntries {
		t.Errorf("%d entries kept, want at most %d", len(entries), maxEntries)
	}
	t.Setenv("LEAKVET_CACHE", "off")
	if c, err := Open(); c != nil || err != nil {
		t.Errorf("LEAKVET_CACHE=off: %v, %v", c, err)
	}
}

// TestKeyOutsideIgnoresOnlyTheDirectory: KeyOutside stays when a file
// directly in its directory changes and changes when a file of another
// package of the module, a subdirectory's or go.mod does.
func TestKeyOutsideIgnoresOnlyTheDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "p", "p.go"), "package p\n")
	write(t, filepath.Join(dir, "p", "sub", "s.go"), "package sub\n")
	write(t, filepath.Join(dir, "q", "q.go"), "package q\n")
	outside := func() string {
		t.Helper()
		k, err := KeyOutside(filepath.Join(dir, "p"), "flags")
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := outside()
	write(t, filepath.Join(dir, "p", "p.go"), "package p\n\n// edited\n")
	write(t, filepath.Join(dir, "p", "p_test.go"), "package p\n")
	if outside() != base {
		t.Errorf("KeyOutside changed with a file of its own directory")
	}
	for _, f := range []string{filepath.Join("p", "sub", "s.go"), filepath.Join("q", "q.go"), "go.mod"} {
		write(t, filepath.Join(dir, f), "package x\n\n// edited\n")
		if k := outside(); k == base {
			t.Errorf("KeyOutside unchanged after %s changed", f)
		} else {
			base = k
		}
	}
}
