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
// function's recursion is not cached, so that it is computed again once
// the outer function's summary is known.

// recursion is the engine's record of the summaries in progress.
type recursion struct {
	// stack lists the functions being summarised, outermost first.
	stack []*ssa.Function
	// provisional marks functions whose summary, being computed, relied
	// on a recursive call's assumed summary.
	provisional map[*ssa.Function]bool
}

// enter records that fn's summary is being computed.
func (r *recursion) enter(fn *ssa.Function) { r.stack = append(r.stack, fn) }

// leave records that fn's summary is done, and reports whether it may be
// cached: it did not rely on an assumption about a function still being
// summarised further out.
func (r *recursion) leave(fn *ssa.Function) bool {
	if n := len(r.stack); n > 0 && r.stack[n-1] == fn {
		r.stack = r.stack[:n-1]
	}
	if r.provisional[fn] {
		delete(r.provisional, fn)
		return false
	}
	return true
}

// assume records that the summaries in progress inside callee's (those
// entered after it) rely on callee's summary before it is known.
func (r *recursion) assume(callee *ssa.Function) {
	for i := len(r.stack) - 1; i >= 0 && r.stack[i] != callee; i-- {
		if r.provisional == nil {
			r.provisional = make(map[*ssa.Function]bool)
		}
		r.provisional[r.stack[i]] = true
	}
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
