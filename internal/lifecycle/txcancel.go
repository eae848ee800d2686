package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// database/sql rolls back a transaction whose context is done
// (Tx.awaitDone): calling the cancel function of the context passed to
// BeginTx releases the Tx, whether the call is direct, deferred, or
// scheduled with time.AfterFunc(d, cancel).

// cancellableContexts are the constructors whose second result cancels
// the context they return.
var cancellableContexts = map[FuncKey]bool{
	{Pkg: "context", Name: "WithCancel"}:       true,
	{Pkg: "context", Name: "WithTimeout"}:      true,
	{Pkg: "context", Name: "WithDeadline"}:     true,
	{Pkg: "context", Name: "WithCancelCause"}:  true,
	{Pkg: "context", Name: "WithTimeoutCause"}: true,
}

// txContextCancels records a release of holder h of a transaction
// acquired by a at each call of the cancel function of the context the
// acquiring call was given.
func (t *tracker) txContextCancels(a *Acquisition, h *holder) {
	if !a.Kind.Releases("Rollback") {
		return
	}
	cancel := cancelOfContextArg(a.Call.Common())
	if cancel == nil {
		return
	}
	for _, c := range cancelCalls(cancel) {
		common := c.Common()
		_, deferred := c.(*ssa.Defer)
		switch {
		case common.Value == cancel:
			if _, spawned := c.(*ssa.Go); spawned {
				continue
			}
			if deferred && registeredBefore(c, a.Call) {
				// `defer cancel()` before BeginTx: registered on every
				// path that reaches the acquisition.
				t.release(nextInstr(a.Call), h, nil, true)
				continue
			}
			t.release(c, h, nil, deferred)
		case isAfterFunc(common) && !deferred:
			// The timer calls cancel once the duration has passed.
			t.release(c, h, nil, false)
		}
	}
}

// cancelCalls returns the calls of cancel (or of the same function
// converted to func(), as time.AfterFunc takes it) and the calls of
// time.AfterFunc that schedule it.
func cancelCalls(cancel ssa.Value) []ssa.CallInstruction {
	var out []ssa.CallInstruction
	values := []ssa.Value{cancel}
	for _, r := range referrers(cancel) {
		if ct, ok := r.(*ssa.ChangeType); ok {
			values = append(values, ct)
		}
	}
	for _, v := range values {
		for _, r := range referrers(v) {
			c, ok := r.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := c.Common()
			if common.Value == v || isAfterFunc(common) && len(common.Args) == 2 && common.Args[1] == v {
				if common.Value == v && v != cancel {
					continue // a call of the converted value is a call of cancel
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// registeredBefore reports whether instr runs on every path to at, before it.
func registeredBefore(instr ssa.Instruction, at ssa.Instruction) bool {
	b, ab := instr.Block(), at.Block()
	if b == ab {
		return indexOf(b, instr) < indexOf(b, at)
	}
	return b.Dominates(ab)
}

// nextInstr returns the instruction after call in its block (a call that
// produces a value is never last: its block ends in a jump or return).
func nextInstr(call *ssa.Call) ssa.Instruction {
	b := call.Block()
	return b.Instrs[indexOf(b, call)+1]
}

// cancelOfContextArg returns the cancel function of the context passed as
// the first context argument of call, when that context comes straight
// from a cancellable constructor in the same function.
func cancelOfContextArg(common *ssa.CallCommon) ssa.Value {
	for _, arg := range common.Args {
		if !isContextType(arg.Type()) {
			continue
		}
		ext, ok := arg.(*ssa.Extract)
		if !ok || ext.Index != 0 {
			return nil
		}
		ctor, ok := ext.Tuple.(*ssa.Call)
		if !ok {
			return nil
		}
		if key, ok := calleeKey(ctor.Common()); !ok || !cancellableContexts[key] {
			return nil
		}
		for _, r := range referrers(ctor) {
			if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
				return e
			}
		}
		return nil
	}
	return nil
}

// isContextType reports whether t is context.Context.
func isContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// isAfterFunc reports whether common calls time.AfterFunc.
func isAfterFunc(common *ssa.CallCommon) bool {
	key, ok := calleeKey(common)
	return ok && key == FuncKey{Pkg: "time", Name: "AfterFunc"}
}
