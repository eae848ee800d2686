package driver

import (
	"golang.org/x/tools/go/packages"

	"github.com/leakvet/leakvet/internal/directive"
)

// dropPartlyUnusedDirectives drops the reports that a directive silences
// nothing unless every analysed variant of its file's package made it. A
// file is analysed once per variant (p, and p [p.test] with the test
// files), and a directive may be in use in one only: a goroutine that only
// main starts is of process lifetime in p, but not in p [p.test] where a
// test starts it too.
func dropPartlyUnusedDirectives(findings []Finding, roots []*packages.Package) []Finding {
	variants := make(map[string]int) // file -> analysed packages that compile it
	for _, p := range roots {
		for _, f := range p.CompiledGoFiles {
			variants[f]++
		}
	}
	reported := make(map[findingKey]int)
	for _, f := range findings {
		if f.Category == directive.UnusedCategory {
			reported[keyOf(f)]++
		}
	}
	out := findings[:0:0]
	for _, f := range findings {
		if f.Category == directive.UnusedCategory && reported[keyOf(f)] < variants[f.Pos.Filename] {
			continue
		}
		out = append(out, f)
	}
	return out
}
