package blankdeps

import (
	"slices"
	"testing"
)

// A package whose files cannot be read counts all its imports as named:
// nothing it imports is skipped.
func TestUnreadablePackageReachesAllItsImports(t *testing.T) {
	pkgs := []*Package{
		{ImportPath: "example.com/root", Dir: t.TempDir(), GoFiles: []string{"missing.go"}, Imports: []string{"example.com/d"}},
		{ImportPath: "example.com/d", DepOnly: true},
		{ImportPath: "example.com/e", DepOnly: true},
	}
	if got, want := Of(pkgs), []string{"example.com/e"}; !slices.Equal(got, want) {
		t.Errorf("Of = %q, want %q", got, want)
	}
}
