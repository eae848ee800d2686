package lifecycle

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// maxBindingDepth bounds how many enclosing closures boundCallee climbs.
const maxBindingDepth = 4

// boundCallee returns the function a func value v of fn always calls, or
// nil: a function literal assigned once and called from a nested
// closure (`check := func(rows *sql.Rows) {…}` called as check(rows) in
// a subtest body) reaches the call as a free variable bound to the
// MakeClosure, so its summary applies as for a static call.
func (e *engine) boundCallee(fn *ssa.Function, v ssa.Value) *ssa.Function {
	for range maxBindingDepth {
		switch x := v.(type) {
		case *ssa.Function:
			return x
		case *ssa.MakeClosure:
			f, _ := x.Fn.(*ssa.Function)
			return f
		case *ssa.FreeVar:
			j := freeVarIndex(fn, x)
			mc := e.closureOf(fn)
			if j < 0 || mc == nil || j >= len(mc.Bindings) {
				return nil
			}
			v, fn = mc.Bindings[j], fn.Parent()
		case *ssa.UnOp:
			// A load of a captured variable: follow the cell to the one
			// value ever stored in it.
			cell, ok := e.cellOf(fn, x)
			if !ok {
				return nil
			}
			v = cell
		default:
			return nil
		}
	}
	return nil
}

// cellOf returns the only value stored into the variable that load reads,
// when load reads a captured (or local) variable written exactly once.
func (e *engine) cellOf(fn *ssa.Function, load *ssa.UnOp) (ssa.Value, bool) {
	if load.Op != token.MUL {
		return nil, false
	}
	addr := load.X
	for range maxBindingDepth {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		j := freeVarIndex(fn, fv)
		mc := e.closureOf(fn)
		if j < 0 || mc == nil || j >= len(mc.Bindings) {
			return nil, false
		}
		addr, fn = mc.Bindings[j], fn.Parent()
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	var stored ssa.Value
	for _, r := range referrers(alloc) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc || stored != nil {
				return nil, false
			}
			stored = r.Val
		case *ssa.UnOp, *ssa.MakeClosure:
			// Reads, and captures by reference (whose stores would
			// be Stores to the free variable, checked below).
		default:
			return nil, false
		}
	}
	if stored == nil || capturedStore(alloc) {
		return nil, false
	}
	return stored, true
}

// capturedStore reports whether some closure capturing alloc stores into it.
func capturedStore(alloc *ssa.Alloc) bool {
	for _, r := range referrers(alloc) {
		mc, ok := r.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		fn, _ := mc.Fn.(*ssa.Function)
		for j, b := range mc.Bindings {
			if b != alloc || fn == nil || j >= len(fn.FreeVars) {
				continue
			}
			for _, fr := range referrers(fn.FreeVars[j]) {
				if st, ok := fr.(*ssa.Store); ok && st.Addr == fn.FreeVars[j] {
					return true
				}
				if _, ok := fr.(*ssa.UnOp); !ok {
					return true
				}
			}
		}
	}
	return false
}

// freeVarIndex returns the index of fv among fn's free variables, or -1.
func freeVarIndex(fn *ssa.Function, fv *ssa.FreeVar) int {
	for j, f := range fn.FreeVars {
		if f == fv {
			return j
		}
	}
	return -1
}

// onceStoredLoad reports whether v reads a local variable that is
// assigned exactly once (a response captured by a deferred closure lives
// in such a cell): v is then the value stored, and a nil test of v is a
// nil test of that value.
func onceStoredLoad(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	stores := 0
	for _, r := range referrers(alloc) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return false
			}
			stores++
		case *ssa.UnOp, *ssa.MakeClosure:
		default:
			return false
		}
	}
	return stores == 1 && !capturedStore(alloc)
}

// handsBack reports whether the call of a func value instr, given holder
// h, returns a result that can carry it (a value of h's type, or an
// interface its concrete type implements other than any) and the tracked function
// returns that result: `return c.ErrorHandler(resp, err, n)` hands the
// response to the handler, whose contract is to give it back or close it.
func (t *tracker) handsBack(instr ssa.CallInstruction, h *holder) bool {
	call, ok := instr.(*ssa.Call)
	if !ok || h.typ == nil {
		return false
	}
	carries := func(v ssa.Value) bool {
		typ := v.Type()
		if iface, ok := typ.Underlying().(*types.Interface); ok && iface.Empty() {
			return false
		}
		if types.Identical(typ, h.typ) {
			return true
		}
		// An interface result carries a concrete value that implements
		// it; a value already seen through an interface (an io.Reader)
		// says nothing about what an error or Stringer result holds.
		return types.IsInterface(typ) && !types.IsInterface(h.typ) && types.Implements(h.typ, underInterface(typ))
	}
	if _, ok := call.Type().(*types.Tuple); !ok {
		return carries(call) && returnedDirectly(call)
	}
	for _, r := range referrers(call) {
		if ext, ok := r.(*ssa.Extract); ok && carries(ext) && returnedDirectly(ext) {
			return true
		}
	}
	return false
}

// returnedDirectly reports whether v is a result of some return of its
// function, as is, through a phi, or through the result slot it is
// stored in and loaded back from at once.
func returnedDirectly(v ssa.Value) bool {
	for _, r := range referrers(v) {
		switch r := r.(type) {
		case *ssa.Return:
			return true
		case *ssa.Store:
			if r.Val == v && returnedFromSlot(r) {
				return true
			}
		case *ssa.Phi:
			for _, rr := range referrers(r) {
				if _, ok := rr.(*ssa.Return); ok {
					return true
				}
			}
		}
	}
	return false
}

// returnedFromSlot reports whether store writes a result slot that the
// rest of its block returns: in a function with deferred calls, go/ssa
// compiles `return f(x)` into stores of the results into their slots,
// RunDefers, loads of the slots and the return. Only stores into other
// slots and those loads may come between; a deferred closure cannot
// change a slot that nothing captures (returnedCell).
func returnedFromSlot(store *ssa.Store) bool {
	slot, ok := store.Addr.(*ssa.Alloc)
	if !ok || !returnedCell(slot) {
		return false
	}
	b := store.Block()
	for _, instr := range b.Instrs[indexOf(b, store)+1:] {
		switch x := instr.(type) {
		case *ssa.Store:
			if _, ok := x.Addr.(*ssa.Alloc); !ok || x.Addr == slot {
				return false
			}
		case *ssa.RunDefers, *ssa.DebugRef:
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
		case *ssa.Return:
			return slices.ContainsFunc(x.Results, func(v ssa.Value) bool {
				load, ok := v.(*ssa.UnOp)
				return ok && load.Op == token.MUL && load.X == slot
			})
		default:
			return false
		}
	}
	return false
}
