package blankdeps

import (
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

// The digest stays when a body or a trailing comment changes and changes
// with an import, a build constraint, a new file, go.mod and go.sum.
func TestImportsDigestFollowsImportsOnly(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n")
	src := filepath.Join(dir, "p", "p.go")
	write(t, src, "package p\n\nimport \"fmt\"\n\nfunc F() { fmt.Println() }\n")
	digest := func() string {
		t.Helper()
		d, err := ImportsDigest(filepath.Join(dir, "p"))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	base := digest()
	write(t, src, "package p\n\nimport \"fmt\"\n\nfunc F() { fmt.Println(1) }\n\n// touched\n")
	write(t, filepath.Join(dir, "p", "testdata", "x.go"), "package x\n\nimport _ \"a\"\n")
	if digest() != base {
		t.Errorf("digest changed with a function body, a comment or testdata")
	}
	for _, edit := range []struct{ path, text string }{
		{src, "package p\n\nimport _ \"fmt\"\n\nfunc F() {}\n"},
		{src, "//go:build linux\n\npackage p\n\nimport _ \"fmt\"\n\nfunc F() {}\n"},
		{filepath.Join(dir, "q", "q.go"), "package q\n"},
		{filepath.Join(dir, "go.sum"), "example.com/x v1.0.0 h1:abc=\n"},
		{filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.23\n"},
	} {
		write(t, edit.path, edit.text)
		if d := digest(); d == base {
			t.Errorf("digest unchanged after writing %s:\n%s", edit.path, edit.text)
		} else {
			base = d
		}
	}
}

// A set survives its file format.
func TestFormatParse(t *testing.T) {
	set := Parse(Format([]string{"a/b", "c [d.test]"}))
	if len(set) != 2 || !set["a/b"] || !set["c [d.test]"] {
		t.Errorf("Parse(Format(...)) = %v", set)
	}
}
