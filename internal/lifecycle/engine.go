package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Analyzer builds SSA and the lifecycle summaries of a package. Every
// leakvet analyzer requires it; it exports the facts that make the
// analysis interprocedural. Standard-library packages are not built: the
// built-in table summarises them, which keeps the cost of dependencies low.
var Analyzer = &analysis.Analyzer{
	Name:       "lifecycle",
	Doc:        "builds SSA and resource lifecycle summaries for leakvet's analyzers",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(facts.Func), new(facts.Analyzed), new(facts.Pool), new(facts.Stop), new(facts.ChanNeverClosed), new(facts.Spawns), new(facts.ServeStop), new(facts.ChanMethod)},
}

// Result is what the engine knows about one package.
type Result struct {
	// Pkg is the package's SSA, nil for the standard library.
	Pkg *ssa.Package
	// Funcs are the package's functions with bodies: declared functions,
	// their closures and the generic instances the package uses.
	Funcs []*ssa.Function
	// Acquisitions are the resources the package acquires, in source
	// order, each with the verdict of the all-paths check.
	Acquisitions []*Acquisition
	// Table is the resource table the engine used.
	Table *Table
	// badEntries are the errors of the flag entries checked on this
	// package, by the analyzer whose flag added them.
	badEntries map[string]error

	e *engine
	// inUse serialises the analyzers of one package: most answers are
	// computed on first use and memoised in the engine (Use).
	inUse sync.Mutex
}

// Use gives the calling analyzer the engine to itself until the returned
// release is called: `defer res.Use()()` at the start of its run. The
// analyzers of one package run concurrently, and most of the engine's
// answers (goroutine verdicts, summaries, pool sites) are computed on
// first use and memoised; unserialised, one analyzer saw another's
// half-built state, and findings changed from run to run.
func (r *Result) Use() (release func()) {
	r.inUse.Lock()
	return r.inUse.Unlock
}

// FlagError returns the error of the entries of analyzer's list flags
// that name something this package (or a standard package it imports)
// lacks, or nil. The analyzer returns it as its own error.
func (r *Result) FlagError(analyzer string) error { return r.badEntries[analyzer] }

// Summary returns what the engine knows about fn: computed for functions
// of this package, imported from facts or the built-in table otherwise.
// It returns nil when nothing is known (a dynamic or unanalysed callee).
func (r *Result) Summary(fn *ssa.Function) *facts.Func {
	if r.e == nil {
		return nil
	}
	if s := r.e.summaries[fn]; s != nil {
		return &s.Func
	}
	return nil
}

// IsTestContext reports whether fn runs as part of a test: a Test,
// Benchmark, Fuzz or TestMain function in a _test.go file, a function
// literal inside one, or a helper there taking *testing.T/B/F or testing.TB.
func (r *Result) IsTestContext(fn *ssa.Function) bool {
	return r.e != nil && r.e.testCtx[fn]
}

// InLoop reports whether instr sits in a cycle of its function's CFG.
func (r *Result) InLoop(instr ssa.Instruction) bool {
	return r.e != nil && r.e.loopOf(instr.Block()) >= 0
}

type engine struct {
	pass  *analysis.Pass
	table *Table
	pkg   *ssa.Package

	summaries map[*ssa.Function]*summary
	busy      map[*ssa.Function]bool
	recur     recursion // recursion.go
	acqs      map[*ssa.Function][]*Acquisition
	cfg       map[*ssa.Function]*cfgFacts // cfg.go
	cfgMu     sync.Mutex
	testCtx   map[*ssa.Function]bool
	files     map[*token.File]*ast.File
	// syntax is the package's files as the engine analyses them: under
	// FactsOnly, without the bodies of generated functions, whose files
	// unsummarisedFiles names (factsonly.go).
	syntax            []*ast.File
	unsummarisedFiles []string
	bodies            *BodyFilter // factsonly.go
	analyzed          map[*types.Package]*facts.Analyzed
	generic           *Kind
	pool              *poolState // pools.go, poolsites.go, repeat.go
	st                *stopState // goroutine analyses (stuck.go)

	// impls caches the implementations of interface methods in this
	// package (ifacerelease.go).
	impls map[implKey][]*ssa.Function

	lifetimeOnce sync.Once
	lifetime     map[*ssa.Function]bool // lifetime.go
	// serveStops summarises methods that serve or stop a server held in
	// a receiver field, filled during run (servejoin.go).
	serveStops     map[*ssa.Function]*facts.ServeStop
	serveStopsDone bool
	// chanMethods summarises methods of channel wrappers (chanwrap.go).
	chanMethods     map[*ssa.Function]*facts.ChanMethod
	chanMethodsDone bool

	keepersOnce sync.Once
	keepers     map[string][]importedKeeper // implfacts.go

	adopter *adopter // ssaimports.go
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{Table: Default, badEntries: CheckExtensions(pass.Pkg)}
	if isStdPackage(pass) || len(pass.Files) == 0 {
		return res, nil
	}
	e := &engine{
		pass:      pass,
		table:     Default,
		summaries: make(map[*ssa.Function]*summary),
		busy:      make(map[*ssa.Function]bool),
		acqs:      make(map[*ssa.Function][]*Acquisition),
		cfg:       make(map[*ssa.Function]*cfgFacts),
		testCtx:   make(map[*ssa.Function]bool),
		files:     make(map[*token.File]*ast.File),
		analyzed:  make(map[*types.Package]*facts.Analyzed),
	}
	e.syntax, e.unsummarisedFiles = e.withoutGeneratedBodies(pass.Fset, pass.Pkg, pass.TypesInfo, pass.Files)
	for _, f := range e.syntax {
		e.files[pass.Fset.File(f.Pos())] = f
	}
	e.pkg = e.buildSSA()
	res.Pkg = e.pkg
	res.e = e
	res.Funcs = e.functions()
	e.classifyTestContext(res.Funcs)

	type site struct {
		pos    token.Pos
		result int
	}
	seen := make(map[site]bool)
	for _, fn := range res.Funcs {
		e.summaryOf(fn)
		for _, a := range e.acqs[fn] {
			// A generic body and its instances share call positions; one
			// call may acquire several results (os.Pipe).
			if seen[site{a.Call.Pos(), a.Result}] {
				continue
			}
			seen[site{a.Call.Pos(), a.Result}] = true
			res.Acquisitions = append(res.Acquisitions, a)
		}
	}
	sort.SliceStable(res.Acquisitions, func(i, j int) bool {
		return res.Acquisitions[i].Call.Pos() < res.Acquisitions[j].Call.Pos()
	})
	e.exportFacts(res.Funcs)
	e.analysePools(res.Funcs)
	e.stop().funcs = res.Funcs
	// Whether a goroutine can be stopped rests on everything that may
	// cancel or close its stop sources: with function bodies left
	// unread, the engine claims none of it.
	if len(e.unsummarisedFiles) == 0 {
		e.exportStopFacts(res.Funcs)
		e.exportSpawnFacts(res.Funcs)
		e.exportChanFacts()
	}
	e.exportServeStopFacts(res.Funcs)
	e.exportChanMethodFacts(res.Funcs)
	return res, nil
}

// isStdPackage reports whether the pass analyses a standard-library
// package. Drivers give std packages no module (or one with an empty path).
func isStdPackage(pass *analysis.Pass) bool {
	return (pass.Module == nil || pass.Module.Path == "") && IsStdPath(pass.Pkg.Path())
}

func (e *engine) buildSSA() *ssa.Package {
	prog := ssa.NewProgram(e.pass.Fset, ssa.InstantiateGenerics|ssa.BareInits)
	prog.SetNoReturn(e.importedNoReturn)
	imports := e.usedImports()
	for _, p := range imports.order {
		createUsed(prog, p, imports.used[p])
	}
	pkg := prog.CreatePackage(e.pass.Pkg, e.syntax, withoutDataInits(e.pass.TypesInfo), false)
	pkg.Build()
	e.adopter = &adopter{prog: prog, seen: make(map[*ssa.Function]bool)}
	for _, m := range pkg.Members {
		if fn, ok := m.(*ssa.Function); ok {
			e.adopter.adopt(fn)
		}
	}
	for _, f := range e.syntax {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv != nil {
				if obj, ok := e.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					e.adopter.adopt(prog.FuncValue(obj))
				}
			}
		}
	}
	return pkg
}

// methodValue is prog.MethodValue(sel) for the engine: a method the
// builder creates on demand for it is adopted by its package.
func (e *engine) methodValue(sel *types.Selection) *ssa.Function {
	fn := e.pkg.Prog.MethodValue(sel)
	e.adopter.adopt(fn)
	return fn
}

// withoutDataInits returns info, or a shallow copy of it whose InitOrder
// lacks the package-level initialisers that are plain data: no call,
// function literal, receive or reference to a function. Those cannot
// acquire, release or hand over anything, and a package of generated
// tables (compression dictionaries, code pages, translated C) spends
// most of its SSA time and memory on their one store per element.
func withoutDataInits(info *types.Info) *types.Info {
	keep := make([]*types.Initializer, 0, len(info.InitOrder))
	for _, in := range info.InitOrder {
		if !isPlainData(info, in.Rhs) {
			keep = append(keep, in)
		}
	}
	if len(keep) == len(info.InitOrder) {
		return info
	}
	trimmed := *info
	trimmed.InitOrder = keep
	return &trimmed
}

// isPlainData reports whether evaluating expr calls nothing, receives
// nothing and mentions no function (not even as a value to store).
func isPlainData(info *types.Info, expr ast.Expr) bool {
	plain := true
	ast.Inspect(expr, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			plain = false
		case *ast.UnaryExpr:
			plain = plain && n.Op != token.ARROW
		case *ast.Ident:
			if _, ok := info.Uses[n].(*types.Func); ok {
				plain = false
			}
		}
		return plain
	})
	return plain
}

// importedNoReturn tells the SSA builder which calls to functions of other
// packages never return, so that it prunes the edges after them.
func (e *engine) importedNoReturn(fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Pkg() == e.pass.Pkg {
		return false
	}
	if b, ok := lookupBuiltin(FuncKeyOf(fn)); ok {
		return b.NoReturn
	}
	var f facts.Func
	return e.pass.ImportObjectFact(fn.Origin(), &f) && f.NoReturn
}

// functions lists the package's functions with bodies, in source order:
// declared functions and methods, their function literals, and the
// instances of the package's generic functions that the package uses.
func (e *engine) functions() []*ssa.Function {
	var out []*ssa.Function
	seen := make(map[*ssa.Function]bool)
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if fn == nil || seen[fn] || fn.Blocks == nil {
			return
		}
		seen[fn] = true
		out = append(out, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, f := range e.syntax {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok {
				if obj, ok := e.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					add(e.pkg.Prog.FuncValue(obj))
				}
			}
		}
	}
	// Package-level initialisers live in init.
	add(e.pkg.Func("init"))
	// Instances of this package's generic functions, as they are called.
	for i := 0; i < len(out); i++ {
		for _, b := range out[i].Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if callee := call.Common().StaticCallee(); callee != nil && callee.Origin() != nil &&
					callee.Origin().Pkg == e.pkg {
					add(callee)
				}
			}
		}
	}
	return out
}

// exportFacts publishes the summaries of the package's named functions.
func (e *engine) exportFacts(funcs []*ssa.Function) {
	e.pass.ExportPackageFact(&facts.Analyzed{Unsummarised: e.unsummarisedFiles})
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil || obj.Pkg() != e.pass.Pkg {
			continue
		}
		s := e.summaries[fn]
		if s == nil || s.Func.Empty() {
			continue
		}
		f := s.Func
		e.pass.ExportObjectFact(obj, &f)
	}
}

// fileOf returns the syntax file holding pos.
func (e *engine) fileOf(pos token.Pos) *ast.File {
	return e.files[e.pass.Fset.File(pos)]
}
