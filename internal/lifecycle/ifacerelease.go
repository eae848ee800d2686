package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A release under another name reached through an interface: a wrapper
// whose method (w.WriteAndClose(msg)) closes what it holds. The engine
// resolves the method on the wrapper's concrete type when the interface
// value was made from one, and otherwise on the types of this package
// that implement the interface: the call releases the wrapper only if
// every implementation's summary says it releases its receiver.

// invokeReleases reports whether invoking method on the interface value v
// releases what v holds, and returns the implementation when it is known.
func (t *tracker) invokeReleases(v ssa.Value, method *types.Func) (*ssa.Function, bool) {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		fn := t.e.concreteMethod(mi.X.Type(), method)
		return fn, fn != nil && t.e.releasesReceiver(fn)
	}
	iface, ok := v.Type().Underlying().(*types.Interface)
	if !ok {
		return nil, false
	}
	impls := t.e.localImplementations(iface, method)
	if len(impls) == 0 {
		return nil, false
	}
	for _, fn := range impls {
		if !t.e.releasesReceiver(fn) {
			return nil, false
		}
	}
	return nil, true
}

// concreteMethod returns the method of concrete type typ that a call of
// method dispatches to, or nil.
func (e *engine) concreteMethod(typ types.Type, method *types.Func) *ssa.Function {
	if types.IsInterface(typ) {
		return nil
	}
	prog := e.pkg.Prog
	sel := prog.MethodSets.MethodSet(typ).Lookup(method.Pkg(), method.Name())
	if sel == nil {
		return nil
	}
	return e.methodValue(sel)
}

// localImplementations returns the methods that implement method for the
// named types of this package that satisfy iface (values and pointers).
func (e *engine) localImplementations(iface *types.Interface, method *types.Func) []*ssa.Function {
	key := implKey{iface, method}
	if out, ok := e.impls[key]; ok {
		return out
	}
	out := e.findImplementations(iface, method)
	if e.impls == nil {
		e.impls = make(map[implKey][]*ssa.Function)
	}
	e.impls[key] = out
	return out
}

// implKey identifies a method of an interface type.
type implKey struct {
	iface  *types.Interface
	method *types.Func
}

// findImplementations returns, for each local concrete type whose value or
// pointer implements iface, the method that implements method.
func (e *engine) findImplementations(iface *types.Interface, method *types.Func) []*ssa.Function {
	var out []*ssa.Function
	for _, tn := range e.localConcreteTypes() {
		for _, typ := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(typ, iface) {
				continue
			}
			if fn := e.concreteMethod(typ, method); fn != nil {
				out = append(out, fn)
			}
			break
		}
	}
	return out
}

// releasesReceiver reports whether fn's summary says it releases its
// receiver (or what the receiver holds).
func (e *engine) releasesReceiver(fn *ssa.Function) bool {
	s := e.summaryOf(fn)
	return s != nil && s.Closes.Has(0)
}

// localConcreteTypes returns the package's named types that can implement
// an interface with methods of their own: not aliases, not interfaces,
// and not generic (their instances are not known here), in scope order.
func (e *engine) localConcreteTypes() []*types.TypeName {
	var out []*types.TypeName
	scope := e.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
			continue
		}
		out = append(out, tn)
	}
	return out
}
