package vetfacts

import "go/types"

// Reachable returns, by path, the packages a unit can name
// through its direct imports: the imports themselves and every package
// of an object reachable from their package-level declarations (through
// types, fields, methods, parameters, type parameters and type
// arguments). Export data carries those packages, possibly in part, and
// facts about them can be attached to the unit's objects; facts about
// any other package are dropped. It follows x/tools' internal/facts
// importMap, so that the facts a unit keeps are those unitchecker keeps.
func Reachable(imports []*types.Package) map[string]*types.Package {
	w := &reachWalk{
		objects:  make(map[types.Object]bool),
		types:    make(map[types.Type]bool),
		packages: make(map[string]*types.Package),
	}
	for _, imp := range imports {
		w.packages[imp.Path()] = imp
		scope := imp.Scope()
		for _, name := range scope.Names() {
			w.object(scope.Lookup(name))
		}
	}
	return w.packages
}

// reachWalk is the state of reachablePackages: the objects and the
// named types, aliases and type parameters already visited.
type reachWalk struct {
	objects  map[types.Object]bool
	types    map[types.Type]bool
	packages map[string]*types.Package
}

func (w *reachWalk) object(obj types.Object) {
	if w.objects[obj] {
		return
	}
	w.objects[obj] = true
	w.typ(obj.Type())
	if pkg := obj.Pkg(); pkg != nil {
		w.packages[pkg.Path()] = pkg
	}
}

func (w *reachWalk) typ(t types.Type) {
	switch t := t.(type) {
	case *types.Named:
		w.typeArgs(t.TypeArgs())
		w.declared(t.Origin(), t.Origin().Obj(), t.Origin().TypeParams())
	case *types.Alias:
		w.typeArgs(t.TypeArgs())
		w.declared(t.Origin(), t.Origin().Obj(), t.Origin().TypeParams())
	case *types.Pointer:
		w.typ(t.Elem())
	case *types.Slice:
		w.typ(t.Elem())
	case *types.Array:
		w.typ(t.Elem())
	case *types.Chan:
		w.typ(t.Elem())
	case *types.Map:
		w.typ(t.Key())
		w.typ(t.Elem())
	case *types.Signature:
		w.typ(t.Params())
		w.typ(t.Results())
		w.typeParams(t.TypeParams())
	case *types.Struct:
		for f := range t.Fields() {
			w.object(f)
		}
	case *types.Tuple:
		for v := range t.Variables() {
			w.object(v)
		}
	case *types.Interface:
		for m := range t.Methods() {
			w.object(m)
		}
		for e := range t.EmbeddedTypes() {
			w.typ(e)
		}
	case *types.Union:
		for term := range t.Terms() {
			w.typ(term.Type())
		}
	case *types.TypeParam:
		if !w.types[t] {
			w.types[t] = true
			w.object(t.Obj())
			w.typ(t.Constraint())
		}
	}
}

// declared visits a generic origin or non-generic named type or alias
// once: its name, type parameters, what it stands for and its methods.
func (w *reachWalk) declared(t types.Type, obj *types.TypeName, tparams *types.TypeParamList) {
	if w.types[t] {
		return
	}
	w.types[t] = true
	w.object(obj)
	w.typeParams(tparams)
	switch t := t.(type) {
	case *types.Alias:
		w.typ(t.Rhs())
	case *types.Named:
		w.typ(t.Underlying())
		for m := range t.Methods() {
			w.object(m)
		}
	}
}

func (w *reachWalk) typeArgs(args *types.TypeList) {
	for t := range args.Types() {
		w.typ(t)
	}
}

func (w *reachWalk) typeParams(tparams *types.TypeParamList) {
	for tp := range tparams.TypeParams() {
		w.typ(tp)
	}
}
