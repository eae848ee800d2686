package lifecycle_test

import (
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// probe reports, for every go statement of a test-context function, what
// the engine's Goroutines says (unjoined, usesT, endless), and for every
// deferred release whose dependents leave the function, how they leave.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports the engine's goroutine and dependents answers",
	Requires: []*analysis.Analyzer{lifecycle.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[lifecycle.Analyzer].(*lifecycle.Result)
		for _, fn := range res.Funcs {
			if !res.IsTestContext(fn) {
				continue
			}
			for _, g := range res.TestGoroutines(fn) {
				var what []string
				if g.Unjoined != nil {
					what = append(what, "unjoined")
				}
				if g.UsesT != nil {
					what = append(what, "usesT")
				}
				if g.Endless != nil {
					what = append(what, "endless")
				}
				if len(what) > 0 {
					pass.Reportf(g.Go.Pos(), "%s", strings.Join(what, " "))
				}
			}
			for _, dr := range res.DeferredReleases(fn) {
				deps := res.Dependents(fn, dr.Root, dr.Kind)
				for _, esc := range deps.Escapes {
					if esc.Kind == lifecycle.EscReturn {
						pass.Reportf(dr.Defer.Pos(), "escapes: return")
						break
					}
				}
			}
		}
		return nil, nil
	},
}
