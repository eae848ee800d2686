package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// The SSA builder needs a created package for every package whose
// package-level functions or variables the analysed package refers to.
// ssa.Program.CreatePackage, given only types, creates a member for every
// object of the package's scope and every method of its named types: on a
// deep dependency graph, most of the engine's SSA time. The engine
// creates instead only the members the package uses, by handing
// CreatePackage a stand-in syntax file that declares just those objects
// (a body-less declaration per function, as for an assembly function),
// and then makes the members and the methods the builder creates on
// demand look exactly as CreatePackage would have made them: owned by
// their package, synthesised from type information.

// Synthetic texts of functions created from type information.
const (
	fromTypes         = "from type information"
	fromTypesOnDemand = "from type information (on demand)"
)

// importedMembers holds, for each imported package the program creates,
// the objects of that package that the analysed package uses.
type importedMembers struct {
	order []*types.Package
	used  map[*types.Package][]types.Object
}

// usedImports returns the imported packages whose package-level
// functions or variables the package refers to (the builder needs those
// created), each with the functions, methods and variables of it that
// the package uses. Methods and types of the other imports are created
// on demand by the builder.
func (e *engine) usedImports() *importedMembers {
	need := make(map[*types.Package]bool)
	byPkg := make(map[*types.Package]map[types.Object]bool)
	for _, obj := range e.pass.TypesInfo.Uses {
		p := obj.Pkg()
		if p == nil || p == e.pass.Pkg {
			continue
		}
		switch o := obj.(type) {
		case *types.Func:
			o = o.Origin()
			if o.Signature().Recv() == nil {
				need[p] = true
			} else if recvIsInterface(o) {
				continue // an interface method has no function
			}
			p = o.Pkg()
			obj = o
		case *types.Var:
			if o.IsField() || o.Parent() != p.Scope() {
				continue
			}
			need[p] = true
		default:
			continue
		}
		if byPkg[p] == nil {
			byPkg[p] = make(map[types.Object]bool)
		}
		byPkg[p][obj] = true
	}
	m := &importedMembers{used: make(map[*types.Package][]types.Object)}
	direct := make(map[*types.Package]bool)
	for _, p := range e.pass.Pkg.Imports() {
		direct[p] = true
		if need[p] {
			m.order = append(m.order, p)
		}
	}
	// A package-level object can also be reached through an import that
	// is not a direct one (a generic instantiated across packages);
	// create those too.
	for p := range need {
		if !direct[p] {
			m.order = append(m.order, p)
		}
	}
	for _, p := range m.order {
		objs := make([]types.Object, 0, len(byPkg[p]))
		for obj := range byPkg[p] {
			objs = append(objs, obj)
		}
		m.used[p] = objs
	}
	return m
}

// isGeneric reports whether fn has type parameters of its own or of its
// receiver.
func isGeneric(fn *types.Func) bool {
	sig := fn.Signature()
	return sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0
}

// recvIsInterface reports whether method is declared by an interface.
func recvIsInterface(method *types.Func) bool {
	recv := method.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// createUsed creates p in prog with members for objs only: a stand-in
// file declares each function without a body and each variable without
// a value, and its types.Info maps those declarations to the objects.
// A package of which a generic function or method is used is created
// whole: the builder instantiates a generic from its declaration's
// syntax when it has any, and the stand-in has none to give.
func createUsed(prog *ssa.Program, p *types.Package, objs []types.Object) *ssa.Package {
	for _, obj := range objs {
		if f, ok := obj.(*types.Func); ok && isGeneric(f) {
			return prog.CreatePackage(p, nil, nil, true)
		}
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object, len(objs))}
	file := &ast.File{Name: ast.NewIdent(p.Name())}
	var vars []ast.Spec
	for _, obj := range objs {
		id := &ast.Ident{Name: obj.Name(), NamePos: token.NoPos}
		info.Defs[id] = obj
		switch obj := obj.(type) {
		case *types.Func:
			decl := &ast.FuncDecl{Name: id, Type: &ast.FuncType{}}
			if obj.Signature().Recv() != nil {
				decl.Recv = &ast.FieldList{}
			}
			file.Decls = append(file.Decls, decl)
		case *types.Var:
			vars = append(vars, &ast.ValueSpec{Names: []*ast.Ident{id}})
		}
	}
	if len(vars) > 0 {
		file.Decls = append(file.Decls, &ast.GenDecl{Tok: token.VAR, Specs: vars})
	}
	pkg := prog.CreatePackage(p, []*ast.File{file}, info, true)
	for _, obj := range objs {
		if f, ok := obj.(*types.Func); ok {
			if fn := prog.FuncValue(f); fn != nil {
				fn.Synthetic = fromTypes
			}
		}
	}
	return pkg
}

// adopter gives the functions the builder created on demand for methods
// of a created package the package and the description CreatePackage
// would have given them, had it created every method up front.
type adopter struct {
	prog *ssa.Program
	seen map[*ssa.Function]bool
}

// adopt fixes fn and, if fn has a body, every function its instructions
// refer to, transitively through bodies the builder made.
func (a *adopter) adopt(fn *ssa.Function) {
	if fn == nil || a.seen[fn] {
		return
	}
	a.seen[fn] = true
	if fn.Pkg == nil && fn.Synthetic == fromTypesOnDemand {
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil {
			if owner := a.prog.Package(obj.Pkg()); owner != nil {
				fn.Pkg = owner
				fn.Synthetic = fromTypes
			}
		}
	}
	// An instance keeps no package, but its generic origin does.
	a.adopt(fn.Origin())
	var ops []*ssa.Value
	for _, anon := range fn.AnonFuncs {
		a.adopt(anon)
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ops = instr.Operands(ops[:0])
			for _, op := range ops {
				if op == nil {
					continue
				}
				if callee, ok := (*op).(*ssa.Function); ok {
					a.adopt(callee)
				}
			}
		}
	}
}
