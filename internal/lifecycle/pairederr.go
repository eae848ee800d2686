package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file lets a wrapper constructor take a call's results as they
// come: `p, err := pagekit.FromResponse(c.Get(url))` hands FromResponse
// the response and its error; FromResponse returns early when that error
// is non-nil (the response is then nil), closes the body when the status
// is bad, and otherwise returns a page that keeps it (issue 11 §3.22).
// Read alone, the early return drops the response on an error path
// (DropsOnErr), and callers were told they owe the body wherever
// FromResponse fails, although it closed it. facts.Func.PairedErr says
// a parameter is dropped on error only where an error parameter is
// non-nil. At a call that passes the resource's own error there, the
// page is the keeper where the call succeeds, and where it fails the
// callee released the resource: both paths are followed accordingly.

// dropsOnlyOnGivenErr reports whether every path on which fn drops the
// tracked parameter with a non-nil error is one where an error
// parameter of fn is non-nil.
func (t *tracker) dropsOnlyOnGivenErr() bool {
	given := make(map[ssa.Value]bool)
	for _, p := range t.fn.Params {
		if types.Identical(p.Type(), errorType) {
			given[p] = true
		}
	}
	return len(given) > 0 && !t.dropsOnErrUnless(given)
}

// failedBranch returns the successor of an `if err != nil` (or
// `err == nil`) block on which an error in errs is non-nil, or nil.
func failedBranch(b *ssa.BasicBlock, errs map[ssa.Value]bool) *ssa.BasicBlock {
	ok := handedOnWithoutErr(b, errs)
	if ok == nil {
		return nil
	}
	if ok == b.Succs[0] {
		return b.Succs[1]
	}
	return b.Succs[0]
}

// passesOwnErr reports whether call instr passes the tracked resource's
// own error (the acquiring call's) as one of its arguments.
func (t *tracker) passesOwnErr(instr ssa.CallInstruction) bool {
	for _, a := range instr.Common().Args {
		if t.errs[a] {
			return true
		}
	}
	return false
}

// releaseIfErr records a release by callee that holds only where the
// call's error result is non-nil. A call whose error is not used keeps
// the all-paths reading of the keeper it returns.
func (t *tracker) releaseIfErr(instr ssa.CallInstruction, h *holder, callee *ssa.Function) {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return
	}
	err := callErr(call)
	if err == nil {
		return
	}
	t.event(Release, instr, h, callee)
	t.events[len(t.events)-1].IfErr = err
}
