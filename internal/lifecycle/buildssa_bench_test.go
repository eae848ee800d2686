//go:build unix

package lifecycle

import (
	"go/types"
	"os"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// BenchmarkBuildSSA times the engine's SSA construction for one unit,
// loaded as go vet gives it to the tool: syntax and types for the
// package, export data for its imports. By default the unit is the
// engine's own package; LEAKVET_SSA_UNIT=dir:pattern names
// another (a package of a real module, e.g.
// /work/real/coredns:./plugin/forward), so that two builds of this
// benchmark can be compared on the same real unit. cpu-ns/op is the
// process's CPU time per build, steadier than ns/op under load.
func BenchmarkBuildSSA(b *testing.B) {
	dir, pattern := ".", "."
	if unit := os.Getenv("LEAKVET_SSA_UNIT"); unit != "" {
		var ok bool
		if dir, pattern, ok = strings.Cut(unit, ":"); !ok {
			b.Fatalf("LEAKVET_SSA_UNIT=%q: want dir:pattern", unit)
		}
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Dir: dir}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		b.Fatalf("loading %s in %s: %v", pattern, dir, err)
	}
	if len(pkgs) != 1 || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("loading %s in %s: want one package without errors, got %d", pattern, dir, len(pkgs))
	}
	p := pkgs[0]
	pass := &analysis.Pass{
		Fset:             p.Fset,
		Files:            p.Syntax,
		Pkg:              p.Types,
		TypesInfo:        p.TypesInfo,
		ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
	}
	b.ReportAllocs()
	start := cpuTime(b)
	for b.Loop() {
		e := &engine{pass: pass}
		if pkg := e.buildSSA(); pkg == nil {
			b.Fatal("no SSA package")
		}
	}
	// On a shared machine the wall time per op moves with the load; the
	// process's CPU time moves much less.
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the user and system CPU time of the process so far, in
// nanoseconds.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
