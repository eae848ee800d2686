package blankdeps

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The driver-like package imported blank, what only it reaches (by name
// or blank) and what a test file imports blank are unreached; a package
// the driver uses that another package imports by name is reached, and so
// are the roots and the standard library (never Package).
func TestUnreached(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unreached(context.Background(), Run{Dir: dir, Patterns: []string{"./app"}, Env: append(os.Environ(), "GOWORK=off")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"example.com/mod/chained", "example.com/mod/drv", "example.com/mod/drvlib", "example.com/mod/testdrv"}
	if !slices.Equal(got, want) {
		t.Errorf("Unreached = %q, want %q", got, want)
	}
}

// Analysing the driver itself reaches what it imports by name.
func TestUnreachedFromTheDriver(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unreached(context.Background(), Run{Dir: dir, Patterns: []string{"./drv"}, Env: append(os.Environ(), "GOWORK=off")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"example.com/mod/chained"}; !slices.Equal(got, want) {
		t.Errorf("Unreached = %q, want %q", got, want)
	}
}

// A pattern that matches nothing known is an error, never a set.
func TestUnreachedFailsWithGoList(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Unreached(context.Background(), Run{Dir: dir, Patterns: []string{"./nosuch"}, Env: append(os.Environ(), "GOWORK=off")}); err == nil {
		t.Errorf("Unreached of a missing package = %q, want an error", got)
	}
}

// A package whose files cannot be read counts all its imports as named:
// nothing it imports is skipped.
func TestUnreadablePackageReachesAllItsImports(t *testing.T) {
	pkgs := []*Package{
		{ImportPath: "example.com/root", Dir: t.TempDir(), GoFiles: []string{"missing.go"}, Imports: []string{"example.com/d"}},
		{ImportPath: "example.com/d", DepOnly: true},
		{ImportPath: "example.com/e", DepOnly: true},
	}
	if got, want := unreached(pkgs), []string{"example.com/e"}; !slices.Equal(got, want) {
		t.Errorf("unreached = %q, want %q", got, want)
	}
}
