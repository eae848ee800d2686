// Package driver runs leakvet's analyzers from the command line: it loads
// packages with go/packages, runs the analysis graph, prints diagnostics
// as text or JSON, applies fixes, and maps the outcome to an exit code.
// Invocations by go vet and go fix (the unitchecker protocol) are not its
// business: cmd/leakvet hands those to unitchecker.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Exit codes of the standalone command.
const (
	ExitClean    = 0 // analysed everything, nothing to report
	ExitError    = 1 // some packages could not be loaded or analysed
	ExitUsage    = 2 // bad command line
	ExitFindings = 3 // diagnostics reported
)

// Main runs the standalone command with args (without the program name)
// and returns the exit code.
func Main(progname string, analyzers []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(progname, analyzers, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		return ExitUsage
	}
	if opts.version {
		fmt.Fprintf(stdout, "%s %s\n", progname, version())
		return ExitClean
	}
	if len(opts.patterns) > 0 && opts.patterns[0] == "help" {
		help(stdout, progname, analyzers, opts.patterns[1:])
		return ExitClean
	}
	if len(opts.patterns) == 0 {
		fmt.Fprintf(stderr, "usage: %s [flags] packages...\nRun '%s help' for the analyzers and flags.\n", progname, progname)
		return ExitUsage
	}
	if opts.cpuProfile != "" {
		f, err := os.Create(opts.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		defer pprof.StopCPUProfile()
	}
	return run(progname, opts, stdout, stderr)
}

func run(progname string, opts *options, stdout, stderr io.Writer) int {
	logf := func(format string, args ...any) {
		fmt.Fprintf(stderr, progname+": "+format+"\n", args...)
	}
	pkgs, err := load(opts)
	if err != nil {
		logf("%v", err)
		return ExitError
	}
	code := ExitClean
	roots := reportLoadErrors(pkgs, logf)
	if len(roots) < len(pkgs) {
		code = ExitError
	}
	if len(roots) == 0 {
		return code
	}
	graph, err := checker.Analyze(opts.analyzers, roots, nil)
	if err != nil {
		logf("%v", err)
		return ExitError
	}
	if reportAnalysisErrors(graph, logf) {
		code = ExitError
	}
	diags := collect(graph)
	if opts.fix {
		diags = applyFixes(diags, logf)
	}
	switch {
	case opts.json:
		if err := graph.PrintJSON(stdout); err != nil {
			logf("writing JSON: %v", err)
			return ExitError
		}
	default:
		printText(stderr, diags)
	}
	if len(diags) > 0 && code == ExitClean {
		code = ExitFindings
	}
	return code
}

// load loads the packages matching the patterns, with the syntax of every
// dependency (the analyzers use facts).
func load(opts *options) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: opts.tests,
	}
	if opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.tags}
	}
	pkgs, err := packages.Load(cfg, opts.patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %w", err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(opts.patterns, " "))
	}
	return pkgs, nil
}

// reportLoadErrors prints each package error once and returns the
// packages that can be analysed: those with no errors of their own or in
// their dependencies.
func reportLoadErrors(pkgs []*packages.Package, logf func(string, ...any)) []*packages.Package {
	seen := make(map[string]bool)
	broken := make(map[*packages.Package]bool)
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if b, ok := broken[p]; ok {
			return b
		}
		broken[p] = false // cycles cannot happen, but be safe
		bad := false
		for _, e := range p.Errors {
			msg := e.Error()
			if e.Kind == packages.ListError && strings.HasPrefix(msg, "-: ") {
				msg = strings.TrimPrefix(msg, "-: ")
			}
			if !seen[msg] {
				seen[msg] = true
				logf("%s", msg)
			}
			bad = true
		}
		for _, imp := range p.Imports {
			if visit(imp) {
				bad = true
			}
		}
		broken[p] = bad
		return bad
	}
	var ok []*packages.Package
	for _, p := range pkgs {
		if !visit(p) {
			ok = append(ok, p)
		}
	}
	return ok
}

// reportAnalysisErrors prints analyzer failures that are not the echo of
// an error already reported, and says whether there were any.
func reportAnalysisErrors(graph *checker.Graph, logf func(string, ...any)) bool {
	failed := false
	for act := range graph.All() {
		if act.Err == nil {
			continue
		}
		failed = true
		msg := act.Err.Error()
		if strings.HasPrefix(msg, "failed prerequisites") || strings.Contains(msg, "analysis skipped due to errors") {
			continue
		}
		logf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
	}
	return failed
}
