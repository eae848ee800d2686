package main

import (
	"bytes"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/gcexportdata"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// A module's package analysed for facts only is answered as an empty
// package of its name, without the analyzers, when the run's set names
// it, and left to unitchecker when it does not, or when go vet wants its
// diagnostics.
func TestBlankOnlyUnitAnswered(t *testing.T) {
	set := filepath.Join(t.TempDir(), "set")
	if err := os.WriteFile(set, blankdeps.Format([]string{"example.com/utf8"}), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(blankdeps.Env, set)
	for _, c := range []struct {
		name   string
		path   string
		vetxOn bool
		want   bool
	}{
		{"in the set", "example.com/utf8", true, true},
		{"not in the set", "example.com/other", true, false},
		{"diagnostics wanted", "example.com/utf8", false, false},
	} {
		cfg, vetx := writeUnit(t, func(u *unitConfig) {
			u.ImportPath, u.ModulePath, u.VetxOnly = c.path, "example.com", c.vetxOn
		})
		if got := answerWithoutFacts(cfg); got != c.want {
			t.Errorf("%s: answered %v, want %v", c.name, got, c.want)
			continue
		}
		data, err := vetxTypes(vetx)
		if (err == nil) != c.want {
			t.Errorf("%s: vetx file: %v", c.name, err)
		}
		if !c.want {
			continue
		}
		pkg, err := gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, data...)), token.NewFileSet(), make(map[string]*types.Package), c.path)
		if err != nil {
			t.Fatalf("%s: importing the answered vetx: %v", c.name, err)
		}
		if pkg.Name() != "utf8" || pkg.Path() != c.path || len(pkg.Scope().Names()) != 0 {
			t.Errorf("%s: answered package %s %q with %d names, want package utf8 %q with none", c.name, pkg.Name(), pkg.Path(), len(pkg.Scope().Names()), c.path)
		}
	}
}
