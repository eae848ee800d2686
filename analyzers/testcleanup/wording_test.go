package testcleanup_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
)

// TestWording runs the wording cases and checks that a resource never
// released is said to leak at the end of the test, not at a t.Fatal
// only a failing test reaches.
func TestWording(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "wording")
	found := false
	for _, r := range results {
		endLine := 0
		for _, f := range r.Pass.Files {
			for _, cg := range f.Comments {
				if strings.Contains(cg.Text(), "the test ends here") {
					endLine = r.Pass.Fset.Position(cg.Pos()).Line
				}
			}
		}
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, "srv from httptest.NewServer is never closed") {
				continue
			}
			found = true
			if len(d.Related) != 1 {
				t.Fatalf("related = %v, want one position", d.Related)
			}
			if got := r.Pass.Fset.Position(d.Related[0].Pos).Line; got != endLine {
				t.Errorf("leak placed at line %d, want the end of the test at line %d", got, endLine)
			}
		}
	}
	if !found {
		t.Error("no report for the never-closed server")
	}
}
