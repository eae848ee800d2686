package main_test

import (
	"slices"
	"strings"
	"testing"
)

// TestVetToolCarriesPoolFacts: under go vet each package is analysed by
// its own process, so the ConstructsPool fact of a helper reaches the
// handler in another package only through the gob-encoded fact files.
func TestVetToolCarriesPoolFacts(t *testing.T) {
	dir := fixture("pools")
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	if code == 0 {
		t.Fatalf("go vet exited 0 on a pool built per request")
	}
	if got, want := diagnostics(t, dir, stderr), expected(t, dir); !slices.Equal(got, want) {
		t.Errorf("go vet -vettool output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, stderr, code := run(t, dir, binary, "-clientreuse=false", "./..."); code != 0 || stderr != "" {
		t.Errorf("-clientreuse=false: exit %d, output %q", code, stderr)
	}
}
