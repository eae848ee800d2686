package lifecycle

import "golang.org/x/tools/go/ssa"

// This file answers what a recursive call does with the parameter being
// summarised. A call of a function whose summary is still being computed
// has no summary yet, and an unknown callee is taken to keep what it is
// given. For a parameter that the recursion hands back to the same
// parameter position (a parser's Next calling itself, or a helper that
// calls it, on the receiver or a sub-parser held in it), that reading
// makes every recursive method keep its receiver: a reader given to a
// parser looks kept forever, and its leak goes unreported (issue 11
// §3.8). The recursive call can only do what the summary being computed
// says, so it adds nothing to it: the least fixpoint starts from "does
// nothing", and a summary computed under that assumption inside another
// function's recursion is cached only until that function is done, and
// computed again once its summary is known.

// recursion is the engine's record of the summaries in progress.
type recursion struct {
	// stack lists the functions being summarised, outermost first.
	stack []*ssa.Function
	// provisional maps a function whose summary, being computed, relied
	// on a recursive call's assumed summary to the outermost function
	// assumed.
	provisional map[*ssa.Function]*ssa.Function
	// dependents lists, for a function still being summarised, the
	// summaries cached while they relied on an assumption about it. They
	// are dropped when it is done, and computed again when next asked.
	// Caching them until then keeps a recursive-descent parser's
	// mutually recursive methods from being summarised again at every
	// call inside the recursion, which is exponential in its depth.
	dependents map[*ssa.Function][]*ssa.Function
}

// enter records that fn's summary is being computed.
func (r *recursion) enter(fn *ssa.Function) { r.stack = append(r.stack, fn) }

// leave records that fn's summary is done, and returns the cached
// summaries that relied on an assumption about fn: the caller drops them.
// A summary of fn that relied on an assumption about a function further
// out is cached until that function is done.
func (r *recursion) leave(fn *ssa.Function) (stale []*ssa.Function) {
	if n := len(r.stack); n > 0 && r.stack[n-1] == fn {
		r.stack = r.stack[:n-1]
	}
	stale = r.dependents[fn]
	delete(r.dependents, fn)
	if outer, ok := r.provisional[fn]; ok {
		delete(r.provisional, fn)
		if r.dependents == nil {
			r.dependents = make(map[*ssa.Function][]*ssa.Function)
		}
		r.dependents[outer] = append(r.dependents[outer], fn)
	}
	return stale
}

// assume records that the summaries in progress inside callee's (those
// entered after it) rely on callee's summary before it is known.
func (r *recursion) assume(callee *ssa.Function) {
	i := len(r.stack) - 1
	for i >= 0 && r.stack[i] != callee {
		i--
	}
	if i < 0 {
		return
	}
	if r.provisional == nil {
		r.provisional = make(map[*ssa.Function]*ssa.Function)
	}
	for j := i + 1; j < len(r.stack); j++ {
		fn := r.stack[j]
		if outer, ok := r.provisional[fn]; ok && r.index(outer) < i {
			continue // relies on a function further out already
		}
		r.provisional[fn] = callee
	}
}

// index returns fn's position on the stack, or -1.
func (r *recursion) index(fn *ssa.Function) int {
	for i, f := range r.stack {
		if f == fn {
			return i
		}
	}
	return -1
}

// recursesOnRoot reports whether passing the tracked value as argument i
// to callee is a recursive call that hands the parameter being
// summarised back to its own position: callee's summary is in progress
// and the tracker summarises parameter i. It records the assumption.
func (t *tracker) recursesOnRoot(callee *ssa.Function, i int) bool {
	if t.rootParam != i+1 || callee == nil || !t.e.busy[callee] {
		return false
	}
	t.e.recur.assume(callee)
	return true
}
