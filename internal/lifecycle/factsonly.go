package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"sync"

	"github.com/leakvet/leakvet/internal/generated"
)

// FactsOnly is set by a driver that analyses a package only for the facts
// its importers need, and never reports on it: go vet's dependency units
// outside the standard library (VetxOnly in the unitchecker protocol).
// The engine then leaves the bodies of functions in generated files
// unsummarised (their calls are unknown to callers, as a package the
// engine never analysed would be), which is most of the cost of
// dependencies such as protobuf and Kubernetes API types and translated C.
// Like report.IncludeGenerated it is set once at start-up.
var FactsOnly bool

// factsOnlyPackages are the packages a driver analysing several at once
// (the in-process route) analyses only for their facts: FactsOnly for
// one package each.
var factsOnlyPackages sync.Map // *types.Package -> bool

// SetFactsOnly makes the engine analyse pkg as under FactsOnly, or no
// longer (on false, when its analysis is over).
func SetFactsOnly(pkg *types.Package, on bool) {
	if on {
		factsOnlyPackages.Store(pkg, true)
	} else {
		factsOnlyPackages.Delete(pkg)
	}
}

// factsOnly reports whether pkg is analysed only for its facts.
func factsOnly(pkg *types.Package) bool {
	if FactsOnly {
		return true
	}
	_, ok := factsOnlyPackages.Load(pkg)
	return ok
}

// withoutGeneratedBodies returns files with the bodies of the functions
// declared in generated files that the BodyFilter lets go removed, and
// the base names of the generated files that declare such functions,
// when the engine runs for facts only; otherwise files, nil. The copies
// are shallow: only the declarations that lose their bodies are new. A
// function whose body a driver dropped already (or that has none) counts
// as dropped all the same, so both give the same facts.
func (e *engine) withoutGeneratedBodies(fset *token.FileSet, pkg *types.Package, info *types.Info, files []*ast.File) (analysed []*ast.File, unsummarised []string) {
	if !factsOnly(pkg) {
		return files, nil
	}
	e.bodies = newBodyFilter(e.table)
	filter := e.bodies
	analysed = make([]*ast.File, len(files))
	for i, f := range files {
		analysed[i] = f
		if !generated.File(f) {
			continue
		}
		var stripped *ast.File
		for j, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || !filter.Droppable(info, fd) {
				continue
			}
			if stripped == nil {
				copied := *f
				copied.Decls = slices.Clone(f.Decls)
				stripped = &copied
				unsummarised = append(unsummarised, filepath.Base(fset.File(f.FileStart).Name()))
			}
			if fd.Body != nil {
				bodiless := *fd
				bodiless.Body = nil
				stripped.Decls[j] = &bodiless
			}
		}
		if stripped != nil {
			analysed[i] = stripped
		}
	}
	return analysed, unsummarised
}

// A BodyFilter decides which functions of a generated file an analysis
// for facts only may leave unread: not init, neither generic nor a method
// of a generic type (go/types and go/ssa need those bodies to instantiate
// them), and no parameter besides the receiver, nor any result, that may
// carry a resource (a generated gRPC client constructor keeps the
// connection it is handed, and its caller must know). Drivers that drop
// bodies before type-checking ask it with the Defs of a declarations-only
// check.
type BodyFilter struct {
	releaseNames []string
	carries      map[types.Type]bool
}

// NewBodyFilter returns the filter of the resource table in use.
func NewBodyFilter() *BodyFilter { return newBodyFilter(Default) }

func newBodyFilter(t *Table) *BodyFilter {
	return &BodyFilter{releaseNames: t.releaseNames(), carries: make(map[types.Type]bool)}
}

// Droppable reports whether fd's body may go unread; info needs the Defs
// of fd's name.
func (b *BodyFilter) Droppable(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Recv == nil && fd.Name.Name == "init" {
		return false
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	return ok && b.droppableFunc(fn)
}

// droppableFunc is Droppable by fn's signature alone, which is all a
// caller in another package sees.
func (b *BodyFilter) droppableFunc(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
		return false
	}
	for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
		for v := range tuple.Variables() {
			if b.carriesResources(v.Type()) {
				return false
			}
		}
	}
	return true
}

// carriesResources reports whether a value of type t may hold a resource
// or a stop source: it is, or holds through fields, pointers and
// elements, an interface other than error, a func, a channel, an
// unsafe.Pointer or a named type with a release method of the table
// (Close, Stop...). Plain data (numbers, strings, []byte, structs of
// them, what translated C passes as uintptr) cannot.
func (b *BodyFilter) carriesResources(t types.Type) bool {
	if v, seen := b.carries[t]; seen {
		return v
	}
	b.carries[t] = false // a recursive type holds what its other parts hold
	v := b.computeCarries(t)
	b.carries[t] = v
	return v
}

func (b *BodyFilter) computeCarries(t types.Type) bool {
	if named, ok := types.Unalias(t).(*types.Named); ok {
		for _, name := range b.releaseNames {
			obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), name)
			if _, isFunc := obj.(*types.Func); isFunc {
				return true
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Interface:
		return !types.Identical(t, errorType)
	case *types.Signature, *types.Chan:
		return true
	case *types.Pointer:
		return b.carriesResources(u.Elem())
	case *types.Slice:
		return b.carriesResources(u.Elem())
	case *types.Array:
		return b.carriesResources(u.Elem())
	case *types.Map:
		return b.carriesResources(u.Key()) || b.carriesResources(u.Elem())
	case *types.Struct:
		for f := range u.Fields() {
			if b.carriesResources(f.Type()) {
				return true
			}
		}
		return false
	}
	return true // type parameters and anything unforeseen
}

// declaredUnsummarised reports whether obj, a function of another
// package, is one its package's engine left unread: declared in a file
// the package's Analyzed fact lists, with a signature the BodyFilter lets
// go.
func (e *engine) declaredUnsummarised(obj *types.Func) bool {
	a := e.analyzedFact(obj.Pkg())
	if a == nil || len(a.Unsummarised) == 0 {
		return false
	}
	if file := e.pass.Fset.File(obj.Pos()); file != nil && a.Summarised(filepath.Base(file.Name())) {
		return false
	}
	if e.bodies == nil {
		e.bodies = newBodyFilter(e.table)
	}
	return e.bodies.droppableFunc(obj)
}
