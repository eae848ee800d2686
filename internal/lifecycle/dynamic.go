package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file decides what a call the engine cannot resolve (a func value,
// or an interface method with no built-in summary) does with a value
// passed to it. RULES' Borrow: an unknown callee only uses what it is
// given, unless something says it may keep it. What says so, so that the
// engine stays silent rather than invent a leak:
//   - the call is deferred or started as a goroutine (a deferred or
//     concurrent consumer is usually the one that closes it);
//   - the value is an *http.Request, whose body every client closes;
//   - for an interface method, an implementation declared in this
//     package whose summary releases or takes that argument, or one in
//     a dependency whose exported facts say so (implfacts.go).

// dynamicKeeps reports whether the unresolved call instr may keep or
// release holder h, passed as argument i (counting an interface method's
// receiver as 0).
func (t *tracker) dynamicKeeps(instr ssa.CallInstruction, h *holder, common *ssa.CallCommon, i int) bool {
	switch instr.(type) {
	case *ssa.Go, *ssa.Defer:
		return true
	}
	if h.typ != nil && isRequest(h.typ) {
		return true
	}
	if common.IsInvoke() {
		return t.e.implementationKeeps(common, i) || t.e.importedImplementationKeeps(common, i)
	}
	return false
}

// implementationKeeps reports whether some concrete type of this package
// implementing the interface of the invoked method has a method of that
// name whose summary releases or takes argument i.
func (e *engine) implementationKeeps(common *ssa.CallCommon, i int) bool {
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	if !ok || e.pkg == nil {
		return false
	}
	name := common.Method.Name()
	scope := e.pass.Pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		for _, typ := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(typ, iface) {
				continue
			}
			sel := e.pkg.Prog.MethodSets.MethodSet(typ).Lookup(e.pass.Pkg, name)
			if sel == nil && common.Method.Exported() {
				sel = e.pkg.Prog.MethodSets.MethodSet(typ).Lookup(nil, name)
			}
			if sel == nil {
				continue
			}
			s := e.summaryOf(e.methodValue(sel))
			if s == nil || s.Takes.Has(i) || s.Closes.Has(i) {
				return true
			}
			break
		}
	}
	return false
}

// unprovenBorrow records a Borrow by a callee that may still use the
// value after the call.
func (t *tracker) unprovenBorrow(instr ssa.Instruction, h *holder) {
	t.event(Borrow, instr, h, nil)
	t.events[len(t.events)-1].Unproven = true
}

// callsPackageFunc reports whether the tracked function calls or defers
// the function name of callee's package (trace.Stop for trace.Start).
func (t *tracker) callsPackageFunc(callee *ssa.Function, name string) bool {
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return false
	}
	for _, b := range t.fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			f := c.Common().StaticCallee()
			if f == nil {
				continue
			}
			if o, ok := f.Object().(*types.Func); ok && o.Name() == name && o.Pkg() == obj.Pkg() &&
				o.Signature().Recv() == nil {
				return true
			}
		}
	}
	return false
}
