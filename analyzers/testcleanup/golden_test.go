package testcleanup_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestFixesCompile type-checks every package of testdata with its .golden
// files in place of the files they fix: each suggested fix must leave
// code that compiles (no unused variable or import, no undefined name).
func TestFixesCompile(t *testing.T) {
	root, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	overlay := make(map[string][]byte)
	dirs := make(map[string]bool)
	err = filepath.WalkDir(filepath.Join(root, "src"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		overlay[strings.TrimSuffix(path, ".golden")] = data
		rel, err := filepath.Rel(filepath.Join(root, "src"), filepath.Dir(path))
		dirs[filepath.ToSlash(rel)] = true
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no .golden files found")
	}
	var patterns []string
	for d := range dirs {
		patterns = append(patterns, d)
	}
	cfg := &packages.Config{
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedImports | packages.NeedDeps,
		Dir:     root,
		Tests:   true,
		Overlay: overlay,
		Env:     append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		checked++
	}
	if checked < len(patterns) {
		t.Errorf("checked %d packages, want at least %d", checked, len(patterns))
	}
}
