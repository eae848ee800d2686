package analyzers_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/analyzers/directives"
	"github.com/leakvet/leakvet/internal/benchgen"
	"github.com/leakvet/leakvet/internal/directive"
)

// The directive parser must know every analyzer of the suite by name, but
// the one that checks directives: a directive cannot silence it.
func TestDirectiveKnowsEveryAnalyzer(t *testing.T) {
	for _, a := range analyzers.All() {
		if a != directives.Analyzer && !slices.Contains(directive.Analyzers, a.Name) {
			t.Errorf("internal/directive.Analyzers lacks %q", a.Name)
		}
	}
}

// BenchmarkSuiteScaling runs the whole suite on generated packages of
// about 1,000, 10,000 and 50,000 lines (type-checked once, outside the
// timed loop). bench/run.sh reports the growth factor of ns/line.
func BenchmarkSuiteScaling(b *testing.B) {
	for _, lines := range []int{1000, 10000, 50000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			dir := b.TempDir()
			written, err := benchgen.WriteModule(dir, benchgen.FuncsForLines(lines))
			if err != nil {
				b.Fatal(err)
			}
			cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}
			pkgs, err := packages.Load(cfg, ".")
			if err != nil || packages.PrintErrors(pkgs) > 0 {
				b.Fatalf("loading generated package: %v", err)
			}
			suite := analyzers.All()
			b.ResetTimer()
			for b.Loop() {
				if _, err := checker.Analyze(suite, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(written), "ns/line")
		})
	}
}
