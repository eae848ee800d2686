package driver

import (
	"fmt"
	"go/token"
	"io"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// diagnostic is one report, with the file set that locates it.
type diagnostic struct {
	analysis.Diagnostic
	fset     *token.FileSet
	analyzer string
	posn     token.Position
}

// collect gathers the root actions' diagnostics, without the duplicates
// that files shared by a package and its test variant produce, sorted by
// position.
func collect(graph *checker.Graph) []diagnostic {
	type key struct {
		posn     token.Position
		analyzer string
		message  string
	}
	seen := make(map[key]bool)
	var out []diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			k := key{posn, act.Analyzer.Name, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, diagnostic{Diagnostic: d, fset: fset, analyzer: act.Analyzer.Name, posn: posn})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].posn, out[j].posn
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	return out
}

// printText prints diagnostics the way go vet does: "file:line:col:
// message", each related position on its own line indented by a tab.
func printText(w io.Writer, diags []diagnostic) {
	for _, d := range diags {
		fmt.Fprintf(w, "%s: %s\n", d.posn, d.Message)
		for _, rel := range d.Related {
			fmt.Fprintf(w, "%s: \t%s\n", d.fset.Position(rel.Pos), rel.Message)
		}
	}
}
