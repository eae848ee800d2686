// Package categorytest checks the Category of an analyzer's diagnostics
// in analysistest packages: every diagnostic must carry one of
// report.Categories, and a line after a comment `// category: NAME` must
// get a diagnostic of that category.
package categorytest

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/internal/report"
)

// marker is the comment that names the category of the next line's
// diagnostic.
const marker = "// category: "

// Run runs analysistest.Run on pkgs (which checks the `// want`
// expectations as usual) and then the categories.
func Run(t *testing.T, dir string, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	for _, r := range analysistest.Run(t, dir, a, pkgs...) {
		if r.Pass == nil {
			continue
		}
		want := markers(r.Pass)
		got := make(map[string][]string)
		for _, d := range r.Diagnostics {
			posn := r.Pass.Fset.Position(d.Pos)
			where := fmt.Sprintf("%s:%d", posn.Filename, posn.Line)
			if !slices.Contains(report.Categories, d.Category) {
				t.Errorf("%s: diagnostic %q has category %q, not one of %v", where, d.Message, d.Category, report.Categories)
			}
			got[where] = append(got[where], d.Category)
		}
		for where, cat := range want {
			if !slices.Contains(got[where], cat) {
				t.Errorf("%s: want a diagnostic of category %q, got categories %v", where, cat, got[where])
			}
		}
	}
}

// markers maps "file:line" to the category the comment on the line
// above names.
func markers(pass *analysis.Pass) map[string]string {
	out := make(map[string]string)
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if cat, ok := strings.CutPrefix(c.Text, marker); ok {
					out[nextLine(pass, c)] = strings.TrimSpace(cat)
				}
			}
		}
	}
	return out
}

func nextLine(pass *analysis.Pass, c *ast.Comment) string {
	posn := pass.Fset.Position(c.Pos())
	return fmt.Sprintf("%s:%d", posn.Filename, posn.Line+1)
}
