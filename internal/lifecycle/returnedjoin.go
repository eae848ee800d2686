package lifecycle

import "golang.org/x/tools/go/ssa"

// A helper may start a goroutine and hand its caller the means of
// waiting for it:
//
//	func replay(t *testing.T) <-chan struct{} {
//		done := make(chan struct{})
//		go func() { defer close(done); ...; t.Log(...) }()
//		return done
//	}
//
// Returning the channel is a join only for the callers that wait on it:
// receive from it on every path (in a select, a cleanup, a deferred
// function), or hand it on (return it, store it, pass it to a function).
// A caller that drops it leaves the goroutine running after the test.
// The question is asked of every static caller in the package; a helper
// used as a value, or one no code of the package calls, keeps the old
// answer (its callers are out of sight: the channel counts as handed on).

// maxResultDepth bounds the walk through helpers that return the channel
// their callee returned.
const maxResultDepth = 4

// callersWaitOnResult reports whether every caller of fn waits on, or
// hands on, result i of its call (a channel): true when fn's callers are
// out of sight.
func (e *engine) callersWaitOnResult(fn *ssa.Function, i int) bool {
	call, _ := e.resultDropped(fn, i)
	return call == nil
}

// droppedReturn reports, for ret, a return of the starting function that
// hands one of roots to the caller, the first call whose caller does not
// wait on it and that caller's exit reached without waiting (nil when
// the result is discarded).
func (e *engine) droppedReturn(ret *ssa.Return, roots signals) (*ssa.Call, ssa.Instruction) {
	for i, r := range ret.Results {
		if roots[keyOf(r)] {
			if call, exit := e.resultDropped(ret.Parent(), i); call != nil {
				return call, exit
			}
		}
	}
	return nil, nil
}

// resultDropped returns the first static call of fn (in source order)
// whose caller drops result i, with the caller's exit reached without
// waiting on it, or nil when every caller waits or hands it on, or the
// callers cannot all be seen.
func (e *engine) resultDropped(fn *ssa.Function, i int) (*ssa.Call, ssa.Instruction) {
	st := e.stop()
	if st.resultBusy == nil {
		st.resultBusy = make(map[*ssa.Function]bool)
	}
	if st.resultBusy[fn] || len(st.resultBusy) >= maxResultDepth {
		return nil, nil // a cycle, or too deep: assume it is waited on
	}
	st.resultBusy[fn] = true
	defer delete(st.resultBusy, fn)
	calls, ok := e.staticCalls(fn)
	if !ok {
		return nil, nil
	}
	for _, c := range calls {
		keys, used := resultKeys(c, i)
		if !used {
			return c, nil
		}
		if handedOn(keys) {
			continue
		}
		if exit := e.unjoinedFrom(c.Parent(), c, keys); exit != nil {
			return c, exit
		}
	}
	return nil, nil
}

// staticCalls lists the calls of fn in the package, in source order; ok
// is false when fn is a function literal or is used other than as the
// callee of a static call (a func value whose callers are out of sight).
func (e *engine) staticCalls(fn *ssa.Function) ([]*ssa.Call, bool) {
	if fn.Parent() != nil {
		return nil, false
	}
	var out []*ssa.Call
	for _, f := range e.allFuncs() {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				var ops [8]*ssa.Value
				for j, op := range instr.Operands(ops[:0]) {
					if op == nil || *op != ssa.Value(fn) {
						continue
					}
					call, isCall := instr.(*ssa.Call)
					if !isCall || j != 0 || call.Common().IsInvoke() {
						return nil, false
					}
					out = append(out, call)
				}
			}
		}
	}
	sortByPos(out)
	return out, true
}

// resultKeys names result i of call c as the caller sees it: the value
// itself, and the variable cell it is stored in when a closure captures
// it. used is false when the result is discarded.
func resultKeys(c *ssa.Call, i int) (signals, bool) {
	var v ssa.Value = c
	if c.Call.Signature().Results().Len() > 1 {
		v = nil
		for _, r := range referrers(c) {
			if x, ok := r.(*ssa.Extract); ok && x.Index == i {
				v = x
			}
		}
	}
	if v == nil {
		return nil, false
	}
	keys := signals{keyOf(v): true}
	used := false
	for _, r := range referrers(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Store:
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v {
				keys[keyOf(cell)] = true
			}
		}
		used = true
	}
	return keys, used
}

// handedOn reports whether the caller hands the channel named by keys
// to code whose waiting the path search does not see: stores it in a
// field, a global or a slice, converts it to an interface, merges it
// with another value, or captures it in a function literal (a goroutine
// or a callback may wait on it). Such a channel counts as handed on.
func handedOn(keys signals) bool {
	for k := range keys {
		if k.path != "" {
			continue
		}
		vals := []ssa.Value{k.base}
		if cell, ok := k.base.(*ssa.Alloc); ok {
			vals = nil
			for _, r := range referrers(cell) {
				switch r := r.(type) {
				case *ssa.UnOp:
					vals = append(vals, r)
				case *ssa.MakeClosure:
					return true
				case *ssa.Store:
					if r.Val == ssa.Value(cell) {
						return true
					}
				}
			}
		}
		for _, v := range vals {
			if escapesChan(v, 0) {
				return true
			}
		}
	}
	return false
}

// escapesChan reports whether channel value v goes somewhere other than
// receives, calls (which the join search reads as waits), returns and
// local variable cells.
func escapesChan(v ssa.Value, depth int) bool {
	if depth > 4 {
		return true
	}
	for _, r := range referrers(v) {
		switch r := r.(type) {
		case *ssa.Store:
			if _, cell := r.Addr.(*ssa.Alloc); !cell && r.Val == v {
				return true
			}
		case *ssa.MakeInterface, *ssa.Phi, *ssa.MakeClosure:
			return true
		case *ssa.ChangeType:
			if escapesChan(r, depth+1) {
				return true
			}
		}
	}
	return false
}

// sortByPos orders calls by source position.
func sortByPos(calls []*ssa.Call) {
	for i := 1; i < len(calls); i++ {
		for j := i; j > 0 && calls[j].Pos() < calls[j-1].Pos(); j-- {
			calls[j], calls[j-1] = calls[j-1], calls[j]
		}
	}
}
