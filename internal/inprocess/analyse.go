package inprocess

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// A Diagnostic is one report of an analyzer on a unit.
type Diagnostic struct {
	Analyzer string
	analysis.Diagnostic
}

// unitResult is what the analysis of one unit produced.
type unitResult struct {
	pkg   *types.Package // the unit's types, as checked from source
	facts []byte         // its own facts, encoded
	diags []Diagnostic   // reports of a unit analysed for diagnostics
}

// analyse parses and type-checks u, runs the analyzers its kind asks for
// (none for a test variant whose types only count, the engine alone for
// facts, the suite for diagnostics) and returns its types, facts and
// diagnostics. A unit that does not parse or type-check is an error.
func (r *runner) analyse(u *Unit, kind unitKind) (res *unitResult, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("analysing %s: panic: %v", u.ID, x)
		}
	}()
	if err := r.types.prepare(u); err != nil {
		return nil, err
	}
	files := make([]*ast.File, 0, len(u.CompiledGoFiles))
	for _, name := range u.CompiledGoFiles {
		f, err := parser.ParseFile(r.fset, absolute(u.Dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", u.ID, err)
		}
		files = append(files, f)
	}
	var typeErr error
	tc := &types.Config{
		Importer:  r.types.importer(u),
		Sizes:     r.sizes,
		GoVersion: goVersion(u, r.cfg.GoVersion),
		Error: func(err error) {
			if typeErr == nil {
				typeErr = err
			}
		},
	}
	info := NewInfo()
	pkg, _ := tc.Check(u.path(), r.fset, files, info)
	if typeErr != nil {
		return nil, fmt.Errorf("type-checking %s: %w", u.ID, typeErr)
	}
	if kind == typesOnly {
		return &unitResult{pkg: pkg}, nil
	}
	forDiagnostics := kind == forDiagnostics
	analyzers := []*analysis.Analyzer{lifecycle.Analyzer}
	if forDiagnostics {
		analyzers = r.analyzers
	} else {
		lifecycle.SetFactsOnly(pkg, true)
		defer lifecycle.SetFactsOnly(pkg, false)
	}
	facts := newUnitFacts(r.facts, pkg)
	res = &unitResult{pkg: pkg}
	results := make(map[*analysis.Analyzer]any)
	reported := make(map[*analysis.Analyzer]bool)
	for _, a := range analyzers {
		reported[a] = forDiagnostics
	}
	for _, a := range inOrder(analyzers) {
		pass := r.pass(u, a, files, pkg, info, facts, results)
		// Only the analyzers asked for report, as under unitchecker: one
		// that is switched off may still run for another's sake.
		if reported[a] {
			name := a.Name
			pass.Report = func(d analysis.Diagnostic) { res.diags = append(res.diags, Diagnostic{Analyzer: name, Diagnostic: d}) }
		}
		result, err := a.Run(pass)
		if err != nil {
			return nil, fmt.Errorf("analysing %s with %s: %w", u.ID, a.Name, err)
		}
		results[a] = result
	}
	if res.facts, err = facts.encode(); err != nil {
		return nil, err
	}
	return res, nil
}

// NewInfo returns the type information a unit's check records: what
// unitchecker records, which the analyzers and go/ssa read.
func NewInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

// defaultGoModVersion is the language version the go command assumes for
// a module whose go.mod has no go directive.
const defaultGoModVersion = "1.16"

// goVersion returns the Go version go vet hands the type checker for u:
// its module's, the go command's default for a module that declares
// none, and the toolchain's (local, "go1.26.8") outside modules.
func goVersion(u *Unit, local string) string {
	if u.Module == nil {
		return local
	}
	if u.Module.GoVersion == "" {
		return "go" + defaultGoModVersion
	}
	return "go" + u.Module.GoVersion
}

// inOrder returns analyzers and what they require, each after its
// requirements.
func inOrder(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		out = append(out, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return out
}

// pass returns the pass of a over u, as unitchecker builds it; reports
// are dropped unless the caller replaces Report.
func (r *runner) pass(u *Unit, a *analysis.Analyzer, files []*ast.File, pkg *types.Package, info *types.Info, facts *unitFacts, results map[*analysis.Analyzer]any) *analysis.Pass {
	filter := make(map[reflect.Type]bool)
	for _, f := range a.FactTypes {
		filter[reflect.TypeOf(f)] = true
	}
	resultOf := make(map[*analysis.Analyzer]any)
	for _, req := range a.Requires {
		resultOf[req] = results[req]
	}
	var module *analysis.Module
	if m := u.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: goVersion(u, r.cfg.GoVersion)}
	}
	var ignored []string
	for _, name := range u.IgnoredGoFiles {
		ignored = append(ignored, absolute(u.Dir, name))
	}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              r.fset,
		Files:             files,
		IgnoredFiles:      ignored,
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        r.sizes,
		TypeErrors:        nil,
		ResultOf:          resultOf,
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  facts.importObjectFact,
		ExportObjectFact:  facts.exportObjectFact,
		AllObjectFacts:    func() []analysis.ObjectFact { return facts.allObjectFacts(filter) },
		ImportPackageFact: facts.importPackageFact,
		ExportPackageFact: facts.exportPackageFact,
		AllPackageFacts:   func() []analysis.PackageFact { return facts.allPackageFacts(filter) },
		Module:            module,
	}
	pass.ReadFile = FileReader(pass)
	return pass
}

// FileReader returns Pass.ReadFile for pass, as unitchecker gives it: it
// reads the unit's own files (those it compiles and those build
// constraints leave out) and refuses any other.
func FileReader(pass *analysis.Pass) func(string) ([]byte, error) {
	allowed := make(map[string]bool)
	for _, f := range pass.Files {
		allowed[pass.Fset.File(f.Pos()).Name()] = true
	}
	for _, name := range append(pass.OtherFiles[:len(pass.OtherFiles):len(pass.OtherFiles)], pass.IgnoredFiles...) {
		allowed[name] = true
	}
	return func(name string) ([]byte, error) {
		if !allowed[name] {
			return nil, fmt.Errorf("reading %s: not a file of package %s", name, pass.Pkg.Path())
		}
		return os.ReadFile(name)
	}
}

// absolute returns name, a file of the package in dir, as an absolute
// path (go list names the package's own files relative to it).
func absolute(dir, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

// errUnsupported marks a build the in-process route does not analyse.
var errUnsupported = errors.New("not supported in process")

// loadErrors returns the go list errors of the units analysed, one line
// each.
func loadErrors(units []*Unit) error {
	var msgs []string
	for _, u := range units {
		if u.Error != nil {
			msgs = append(msgs, u.Error.Err)
		}
		for _, e := range u.DepsErrors {
			msgs = append(msgs, e.Err)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", errUnsupported, strings.Join(msgs, "; "))
}
