package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// A module's package analysed for facts only is answered without the
// analyzers when the run's set names it, and left to unitchecker when it
// does not, or when go vet wants its diagnostics.
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
		if _, err := vetxTypes(vetx); (err == nil) != c.want {
			t.Errorf("%s: vetx file: %v", c.name, err)
		}
	}
}
