package analyzers_test

import (
	"fmt"
	"os"
	"path/filepath"
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

// TestSuiteIsDeterministic runs the suite several times on one generated
// package and wants the same findings each time. The analyzers of a
// package run concurrently over one engine whose answers are memoised on
// first use; before lifecycle.Result.Use serialised them, one analyzer
// could see another's half-built goroutine verdicts, and findings changed
// from run to run. (The race detector shows the same: go test -race.)
func TestSuiteIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchgen.WriteModule(dir, benchgen.FuncsForLines(4000)); err != nil {
		t.Fatal(err)
	}
	// Goroutines in test and non-test code, so that gocancel and
	// testcleanup both ask the engine for goroutine verdicts at once.
	const spawns = `package gen

import "testing"

func send(ch chan int) { ch <- 1 }

func spawnEarly(stop bool) int {
	ch := make(chan int)
	go send(ch)
	if stop {
		return 0
	}
	return <-ch
}

func TestSpawns(t *testing.T) {
	done := make(chan int)
	go func() { t.Log("late"); done <- 1 }()
	if spawnEarly(true) == 0 {
		return
	}
	<-done
}
`
	if err := os.WriteFile(filepath.Join(dir, "spawns_test.go"), []byte(spawns), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Tests: true}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading generated package: %v", err)
	}
	var first []string
	for run := range 8 {
		graph, err := checker.Analyze(analyzers.All(), pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for act := range graph.All() {
			for _, d := range act.Diagnostics {
				got = append(got, fmt.Sprintf("%s %v %s", act.Analyzer.Name, act.Package.Fset.Position(d.Pos), d.Message))
			}
		}
		slices.Sort(got)
		if run == 0 {
			first = got
			if len(first) == 0 {
				t.Fatal("the generated package gave no findings: nothing to compare")
			}
			continue
		}
		if !slices.Equal(got, first) {
			t.Fatalf("run %d gave %d findings, run 0 gave %d", run, len(got), len(first))
		}
	}
}
