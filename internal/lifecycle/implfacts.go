package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Interface calls answered from the facts of dependencies (issue 11
// §3.21). A value passed to an interface method is borrowed unless an
// implementation may keep or release it. Implementations declared in the
// package itself are summarised directly (dynamic.go); those of the
// packages it depends on are known through the facts.Func each method
// exports: Takes(i) says the method keeps parameter i (stores it in its
// receiver, hands it on), Closes(i) that it releases it. Any visible
// implementation of the interface that keeps or releases the argument
// makes the call a possible hand-over, and the engine stays silent; only
// when every visible implementation borrows (or none is visible) is the
// value still owed by the caller. Implementations in packages that import
// this one stay unseen: that is the remaining risk, and why a single
// keeping implementation is enough.

// importedKeeper is a method of a dependency whose facts say it keeps or
// releases some of its parameters.
type importedKeeper struct {
	recv types.Type // the receiver type, as declared (T or *T)
	fact *facts.Func
}

// importedImplementationKeeps reports whether a method of some type
// declared in a dependency, which implements the interface of the
// invoked method, keeps or releases argument i (the receiver is 0) by its
// exported facts.
func (e *engine) importedImplementationKeeps(common *ssa.CallCommon, i int) bool {
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for _, k := range e.importedKeepers()[common.Method.Name()] {
		if !k.fact.Takes.Has(i) && !k.fact.Closes.Has(i) {
			continue
		}
		if types.Implements(k.recv, iface) {
			return true
		}
	}
	return false
}

// importedKeepers indexes, by method name, the methods of dependencies
// whose facts keep or release a parameter other than the receiver. It is
// built once per package, on first use.
func (e *engine) importedKeepers() map[string][]importedKeeper {
	e.keepersOnce.Do(func() {
		e.keepers = make(map[string][]importedKeeper)
		for _, of := range e.pass.AllObjectFacts() {
			f, ok := of.Fact.(*facts.Func)
			if !ok || (f.Takes|f.Closes)&^facts.Params(1) == 0 {
				continue
			}
			fn, ok := of.Object.(*types.Func)
			if !ok || fn.Pkg() == e.pass.Pkg {
				continue
			}
			recv := fn.Signature().Recv()
			if recv == nil || isGenericRecv(recv.Type()) {
				continue
			}
			e.keepers[fn.Name()] = append(e.keepers[fn.Name()], importedKeeper{recv: recv.Type(), fact: f})
		}
	})
	return e.keepers
}

// isGenericRecv reports whether t (T or *T) is a generic type, whose
// declared methods cannot be checked against an interface uninstantiated.
func isGenericRecv(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.TypeParams().Len() > 0
}
