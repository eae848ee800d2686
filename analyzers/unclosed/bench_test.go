package unclosed_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/leakvet/leakvet/analyzers/unclosed"
	"github.com/leakvet/leakvet/internal/benchgen"
)

// BenchmarkUnclosed runs the analyzer (and the engine it requires) on
// generated packages of 100, 1,000 and 10,000 functions. Loading and
// type-checking happen once, outside the timed loop; each iteration builds
// SSA, summarises and checks every function. The ns/func metric should
// stay roughly flat as the package grows.
func BenchmarkUnclosed(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("funcs=%d", n), func(b *testing.B) {
			pkgs := loadGenerated(b, n)
			b.ResetTimer()
			for b.Loop() {
				graph, err := checker.Analyze([]*analysis.Analyzer{unclosed.Analyzer}, pkgs, nil)
				if err != nil {
					b.Fatal(err)
				}
				for _, act := range graph.Roots {
					if act.Err != nil {
						b.Fatal(act.Err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/func")
		})
	}
}

func loadGenerated(b *testing.B, funcs int) []*packages.Package {
	dir := b.TempDir()
	if _, err := benchgen.WriteModule(dir, funcs); err != nil {
		b.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("generated package does not type-check")
	}
	return pkgs
}
