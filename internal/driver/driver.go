// Package driver runs leakvet's analyzers from the command line: it loads
// packages with go/packages, runs the analysis graph, prints diagnostics
// as text or JSON, applies fixes, and maps the outcome to an exit code.
// Invocations by go vet and go fix (the unitchecker protocol) are not its
// business: cmd/leakvet hands those to unitchecker.
package driver

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/build"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/leakvet/leakvet/internal/toolchain"
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
	args, err := withConfig("", analyzers, args)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return ExitUsage
	}
	opts, err := parseFlags(progname, analyzers, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		return ExitUsage
	}
	if opts.version || len(opts.patterns) == 1 && opts.patterns[0] == "version" {
		fmt.Fprintf(stdout, "%s %s\n", progname, versionLine())
		return ExitClean
	}
	if len(opts.patterns) > 0 && opts.patterns[0] == "help" {
		if err := help(stdout, progname, analyzers, opts.patterns[1:]); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitUsage
		}
		return ExitClean
	}
	if len(opts.patterns) == 0 {
		fmt.Fprintln(stderr, usage(progname))
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
	opts.vetTool = selfVetTool()
	return run(progname, opts, stdout, stderr)
}

func run(progname string, opts *options, stdout, stderr io.Writer) int {
	logf := func(format string, args ...any) {
		fmt.Fprintf(stderr, progname+": "+format+"\n", args...)
	}
	out, err := analyze(context.Background(), progname, opts)
	if err != nil {
		logf("%v", err)
		return ExitError
	}
	code := ExitClean
	short := newPathShortener()
	for _, e := range out.errors {
		logf("%s", short.message(e))
	}
	analysisFailed := out.analysisFailed
	for _, msg := range unknownPackages(opts.dir) {
		logf("%s", msg)
		analysisFailed = true
	}
	if out.failed || analysisFailed {
		code = ExitError
	}
	if out.nothingAnalysed && !opts.sarif { // a SARIF log still says what failed
		return code
	}
	findings := uniqueSorted(out.findings)
	extra := sarifExtra{failures: out.errors, all: findings}
	if opts.baseline != "" {
		var stop bool
		var baselineCode int
		if findings, stop, baselineCode = useBaseline(opts, findings, out.failed, logf); stop {
			return max(code, baselineCode)
		}
	}
	switch {
	case opts.diff:
		var fixable int
		if findings, fixable = previewFixes(stdout, findings, logf); fixable > 0 && code == ExitClean {
			code = ExitFindings // nothing was fixed
		}
	case opts.fix && analysisFailed:
		// A failed analyzer (a list flag naming what does not exist)
		// leaves its dependents' facts incomplete: write nothing.
		logf("not applying fixes: the analysis failed")
	case opts.fix:
		findings = applyFixes(findings, logf)
	}
	switch {
	case opts.json:
		if err := writeJSON(stdout, findings); err != nil {
			logf("writing JSON: %v", err)
			return ExitError
		}
	case opts.sarif:
		if err := writeSARIF(stdout, opts.suite, findings, out.sourceRoot(), code == ExitClean, extra); err != nil {
			logf("writing SARIF: %v", err)
			return ExitError
		}
	default:
		printText(stderr, findings)
	}
	if len(findings) > 0 && code == ExitClean {
		code = ExitFindings
	}
	return code
}

// outcome is what one analysis of the requested packages produced.
type outcome struct {
	findings        []Finding // every report of every package variant, sorted by position
	errors          []string  // one line per package that could not be loaded or analysed
	failed          bool      // some package could not be loaded or analysed
	analysisFailed  bool      // some analyzer failed (its dependents' facts are incomplete)
	nothingAnalysed bool      // no package could be
	ranVet          bool      // go vet ran the tool (not a run cache hit, not the in-process routes)
	files           []string  // with the Units route, the files analysed; nil is all
	sourceRoot      func() string
}

// analyze analyses the packages of opts. When opts names the vet tool,
// viaBuild analyses them unit by unit as go vet would: in process
// (package inprocess), or through go vet itself. Otherwise, or when both
// fail, the whole-build driver loads every package at once with
// go/packages, which words the errors of packages that do not load. An
// error means that nothing could be analysed.
func analyze(ctx context.Context, progname string, opts *options) (*outcome, error) {
	if opts.vetTool != "" {
		out, ok, err := cachedRun(ctx, opts.vetTool, opts)
		if err != nil || ok {
			return out, err
		}
	}
	pkgs, err := load(progname, opts)
	if err != nil {
		return nil, err
	}
	out := &outcome{}
	logf := func(format string, args ...any) { out.errors = append(out.errors, fmt.Sprintf(format, args...)) }
	roots := reportLoadErrors(pkgs, logf)
	out.failed = len(roots) < len(pkgs)
	out.sourceRoot = func() string { return sourceRoot(roots) }
	if len(roots) == 0 {
		out.nothingAnalysed = true
		return out, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	graph, err := checker.Analyze(opts.analyzers, roots, nil)
	if err != nil {
		return nil, fmt.Errorf("analysing: %w", err)
	}
	if reportAnalysisErrors(graph, logf) {
		out.failed = true
		out.analysisFailed = true
	}
	out.findings = dropPartlyUnusedDirectives(collect(graph), roots)
	return out, nil
}

// load loads the packages matching the patterns, with the syntax of every
// dependency (the analyzers use facts).
func load(progname string, opts *options) ([]*packages.Package, error) {
	for _, p := range opts.patterns {
		if opts.dir != "" && !filepath.IsAbs(p) && build.IsLocalImport(p) {
			p = filepath.Join(opts.dir, p)
		}
		if err := checkDir(p); err != nil {
			return nil, err
		}
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: opts.tests,
		Dir:   opts.dir,
	}
	if opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.tags}
	}
	if env, modfile := withoutModfile(os.Environ()); modfile != "" {
		cfg.Env = env
		cfg.BuildFlags = append(cfg.BuildFlags, "-modfile="+modfile)
	}
	if err := checkToolchain(cfg); err != nil {
		return nil, err
	}
	pkgs, err := packages.Load(cfg, opts.patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %s", oneLine(err.Error()))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(opts.patterns, " "))
	}
	if outsideModule(pkgs) {
		wd, _ := os.Getwd()
		return nil, fmt.Errorf("no go.mod in %s or any directory above it: run %s inside a Go module", wd, progname)
	}
	return pkgs, nil
}

// checkToolchain stops before loading when the go command that would
// load the packages is a newer Go than leakvet was built with: the load
// would fail on a type error inside its standard library. If the go
// command cannot say its version, the load reports why.
func checkToolchain(cfg *packages.Config) error {
	v, err := toolchain.GoVersion(cfg.Dir, cfg.Env)
	if err != nil {
		return nil
	}
	return toolchain.CheckRunning(v)
}

// withoutModfile takes -modfile out of GOFLAGS in env and returns it
// separately. go/packages asks the go command for its version outside
// module mode, where -modfile in GOFLAGS is an error (golang/go#48482),
// while as a build flag it reaches only the go list calls that use it.
// Projects that keep test dependencies in a second go.mod set it so.
func withoutModfile(env []string) ([]string, string) {
	out := make([]string, 0, len(env))
	modfile := ""
	for _, kv := range env {
		flags, ok := strings.CutPrefix(kv, "GOFLAGS=")
		if !ok {
			out = append(out, kv)
			continue
		}
		var keep []string
		for _, f := range strings.Fields(flags) {
			// The go command accepts -flag and --flag alike.
			name := strings.TrimPrefix(strings.TrimPrefix(f, "-"), "-")
			if v, ok := strings.CutPrefix(name, "modfile="); ok {
				modfile = v
				continue
			}
			keep = append(keep, f)
		}
		out = append(out, "GOFLAGS="+strings.Join(keep, " "))
	}
	return out, modfile
}

// checkDir reports a pattern naming a directory (./x, ../x, /x, with or
// without /...) that does not exist; the go command's own message for it
// is about modules, not about the missing directory.
func checkDir(pattern string) error {
	dir := strings.TrimSuffix(strings.TrimSuffix(pattern, "..."), "/")
	if dir == "" {
		dir = "/"
	}
	if !build.IsLocalImport(pattern) && !filepath.IsAbs(pattern) {
		return nil
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file or directory", dir)
	}
	return nil
}

// outsideModule reports whether the patterns were resolved outside any
// module, which go list explains only as "does not contain main module".
func outsideModule(pkgs []*packages.Package) bool {
	for _, p := range pkgs {
		if p.Module != nil {
			return false
		}
		for _, e := range p.Errors {
			if strings.Contains(e.Msg, "main module") || strings.Contains(e.Msg, "go.mod file not found") {
				out, err := exec.Command("go", "env", "GOMOD").Output()
				gomod := strings.TrimSpace(string(out))
				return err == nil && (gomod == "" || gomod == os.DevNull)
			}
		}
	}
	return false
}

// oneLine folds a multi-line message, such as the go command's "to add
// it:\n\tgo get ...", onto one line.
func oneLine(msg string) string {
	msg = strings.ReplaceAll(msg, "\n\t", " ")
	return strings.ReplaceAll(msg, "\n", " ")
}

// reportLoadErrors prints, for each package that cannot be analysed, one
// line: its first error, with the number of the others. A package that
// fails only because a dependency does is not reported again. It returns
// the packages that can be analysed: those with no errors of their own or
// in their dependencies.
func reportLoadErrors(pkgs []*packages.Package, logf func(string, ...any)) []*packages.Package {
	seen := make(map[string]bool)
	broken := make(map[*packages.Package]bool)
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if b, ok := broken[p]; ok {
			return b
		}
		broken[p] = false // cycles cannot happen, but be safe
		depBroken := false
		for _, imp := range p.Imports {
			if visit(imp) {
				depBroken = true
			}
		}
		var msgs []string
		for _, e := range p.Errors {
			msg := oneLine(e.Error())
			if e.Kind == packages.ListError {
				msg = strings.TrimPrefix(msg, "-: ")
			}
			if depBroken && e.Kind == packages.TypeError && strings.Contains(msg, "could not import") {
				continue // the dependency's own error says why
			}
			msgs = append(msgs, msg)
		}
		if len(msgs) > 0 && !seen[msgs[0]] {
			seen[msgs[0]] = true
			switch n := len(msgs) - 1; n {
			case 0:
				logf("%s", msgs[0])
			case 1:
				logf("%s (and 1 more error in %s)", msgs[0], p.PkgPath)
			default:
				logf("%s (and %d more errors in %s)", msgs[0], n, p.PkgPath)
			}
		}
		broken[p] = depBroken || len(p.Errors) > 0
		return broken[p]
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
