package lifecycle

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// lib is the imported package: a resource type with methods the user
// calls, one it never names (Flush) and a package-level function it never
// uses (Unused), an embeddable wrapper, and generics.
const lib = `package lib

type Conn struct{}

func (c *Conn) Close() error { return nil }
func (c *Conn) Read() int    { return 0 }
func (c *Conn) Flush() error { return nil }
func (c Conn) Name() string  { return "" }

type Embed struct{ *Conn }

func Dial() *Conn { return &Conn{} }
func Unused()     {}

var Default = &Conn{}

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

func Map[T, U any](x T, f func(T) U) U { return f(x) }
`

// plainUser uses functions, methods (direct, bound, promoted, in a go
// statement) and a variable of lib, and no generic of it.
const plainUser = `package use

import "lib"

type local struct{ lib.Embed }

func f() int {
	c := lib.Dial()
	defer c.Close()
	_ = lib.Default.Name()
	read := c.Read
	go c.Close()
	var l local
	l.Close()
	return read()
}
`

// genericUser instantiates a generic function and a method of a generic
// type of lib.
const genericUser = `package use

import "lib"

func g(b *lib.Box[int]) string {
	c := lib.Dial()
	defer c.Close()
	return lib.Map(b.Get(), func(int) string { return "" })
}
`

// TestUsedImportsLookLikeWholeImports pins that creating only the members
// of an import that the package uses changes nothing the engine can see:
// every function the package's code refers to, and a method the engine
// asks for later (Flush, never named), has the same package and Synthetic
// text as when the import is created whole, and the package builds.
func TestUsedImportsLookLikeWholeImports(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		narrowed  bool // lib created with only what the package uses
	}{
		{"plain", plainUser, true},
		{"generic", genericUser, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pass := typeCheckUser(t, tc.src)
			e := &engine{pass: pass, syntax: pass.Files}
			e.pkg = e.buildSSA()
			got := referredFuncs(e.pkg)
			flush := flushOf(t, e.pkg.Prog, pass)
			got["Flush"] = describe(e.methodValue(flush))

			want := wholeImportsBuild(t, pass)
			want.m["Flush"] = describe(want.prog.MethodValue(flush))
			if !maps.Equal(got, want.m) {
				t.Errorf("functions the package refers to differ from a whole-import build:\ngot  %v\nwant %v", got, want.m)
			}
			libPkg := e.pkg.Prog.Package(pass.Pkg.Imports()[0])
			_, hasUnused := libPkg.Members["Unused"]
			if hasUnused == tc.narrowed {
				t.Errorf("lib member Unused created: %v; want %v", hasUnused, !tc.narrowed)
			}
		})
	}
}

// typeCheckUser type-checks lib and the user package src, and returns a
// pass over the user package that, like go vet's, has syntax for it only.
func typeCheckUser(t *testing.T, src string) *analysis.Pass {
	t.Helper()
	fset := token.NewFileSet()
	check := func(name, src string, imp types.Importer) (*types.Package, *ast.File, *types.Info) {
		f, err := parser.ParseFile(fset, name+".go", src, 0)
		if err != nil {
			t.Fatalf("parsing %s: %v", name, err)
		}
		info := &types.Info{
			Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
			Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{},
			Instances: map[*ast.Ident]types.Instance{}, FileVersions: map[*ast.File]string{},
		}
		pkg, err := (&types.Config{Importer: imp}).Check(name, fset, []*ast.File{f}, info)
		if err != nil {
			t.Fatalf("type-checking %s: %v", name, err)
		}
		return pkg, f, info
	}
	libPkg, _, _ := check("lib", lib, nil)
	pkg, f, info := check("use", src, importerFunc(func(path string) (*types.Package, error) { return libPkg, nil }))
	return &analysis.Pass{
		Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
		ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// flushOf returns the selection of (*lib.Conn).Flush.
func flushOf(t *testing.T, prog *ssa.Program, pass *analysis.Pass) *types.Selection {
	t.Helper()
	conn := pass.Pkg.Imports()[0].Scope().Lookup("Conn").Type()
	sel := prog.MethodSets.MethodSet(types.NewPointer(conn)).Lookup(nil, "Flush")
	if sel == nil {
		t.Fatal("no (*lib.Conn).Flush")
	}
	return sel
}

// wholeBuild is a build of the package with its imports created whole
// (the behaviour the engine's narrowed creation must not be told apart
// from) and what referredFuncs finds in it.
type wholeBuild struct {
	prog *ssa.Program
	m    map[string]string
}

func wholeImportsBuild(t *testing.T, pass *analysis.Pass) wholeBuild {
	t.Helper()
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics|ssa.BareInits)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return wholeBuild{prog, referredFuncs(pkg)}
}

// referredFuncs describes, by name, every function that the code of pkg
// (its functions, closures and the wrappers the builder made) refers to.
func referredFuncs(pkg *ssa.Package) map[string]string {
	out := make(map[string]string)
	seen := make(map[*ssa.Function]bool)
	var walk func(fn *ssa.Function)
	walk = func(fn *ssa.Function) {
		if fn == nil || seen[fn] {
			return
		}
		seen[fn] = true
		if fn.Pkg != pkg || fn.Synthetic != "" {
			out[fn.String()] = describe(fn)
		}
		for _, anon := range fn.AnonFuncs {
			walk(anon)
		}
		var ops []*ssa.Value
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range instr.Operands(ops[:0]) {
					if op != nil {
						if callee, ok := (*op).(*ssa.Function); ok {
							walk(callee)
						}
					}
				}
			}
		}
	}
	names := slices.Sorted(maps.Keys(pkg.Members))
	for _, name := range names {
		if fn, ok := pkg.Members[name].(*ssa.Function); ok {
			walk(fn)
		}
	}
	return out
}

// describe is what the engine and the analyzers read of a function of
// another package: its package and how it was made.
func describe(fn *ssa.Function) string {
	if fn == nil {
		return "<nil>"
	}
	pkg := "<no package>"
	if fn.Pkg != nil {
		pkg = fn.Pkg.Pkg.Path()
	}
	return pkg + " / " + fn.Synthetic
}
