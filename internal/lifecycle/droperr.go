package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file makes a callee's hand-off path-sensitive (RULES' Borrow: a
// callee that keeps the value on one path and drops it on another takes
// it only on the paths where it keeps it; issue 11 §3.3, §3.9, §3.15).
// A function whose parameter is released or kept on its success paths
// but not on a path that returns a non-nil error says so in
// facts.Func.DropsOnErr; at a call, the hand-off then ends the caller's
// obligation only where the call's error result is nil.

// onlyWithoutErr limits the direct Release, Transfer and Wrap events recorded
// since index first to the paths where call instr's error is nil. Calls
// with no error result, deferred and go calls keep the all-paths
// reading, and so do events on containers (their family's fate is
// decided as a whole).
func (t *tracker) onlyWithoutErr(instr ssa.CallInstruction, first int) {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return
	}
	err := callErr(call)
	if err == nil {
		return
	}
	for k := first; k < len(t.events); k++ {
		ev := &t.events[k]
		if ev.Direct && (ev.Kind == Release || ev.Kind == Transfer || ev.Kind == Wrap) {
			ev.UnlessErr = err
		}
	}
}

// callErr returns the error result of call, when its last result is an
// error and the caller uses it.
func callErr(call *ssa.Call) ssa.Value {
	results := call.Common().Signature().Results()
	n := results.Len()
	if n == 0 || !types.Identical(results.At(n-1).Type(), errorType) {
		return nil
	}
	if n == 1 {
		return call
	}
	for _, r := range referrers(call) {
		if x, ok := r.(*ssa.Extract); ok && x.Index == n-1 {
			return x
		}
	}
	return nil
}

// handedOnWithoutErr returns the successor of an `if err != nil` (or
// `err == nil`) block on which an error in errs is nil, or nil when b
// does not end in such a test.
func handedOnWithoutErr(b *ssa.BasicBlock, errs map[ssa.Value]bool) *ssa.BasicBlock {
	if len(errs) == 0 || len(b.Succs) != 2 {
		return nil
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok {
		return nil
	}
	var other ssa.Value
	switch {
	case isNil(cmp.Y):
		other = cmp.X
	case isNil(cmp.X):
		other = cmp.Y
	default:
		return nil
	}
	if !errs[other] {
		return nil
	}
	switch cmp.Op.String() {
	case "!=":
		return b.Succs[1]
	case "==":
		return b.Succs[0]
	}
	return nil
}

// dropsOnErr reports whether a path from fn's entry reaches a return of
// a non-nil error (anything but the constant nil) with the tracked
// parameter neither released, kept, nor returned on the way.
func (t *tracker) dropsOnErr() bool { return t.dropsOnErrUnless(nil) }

// dropsOnErrUnless is dropsOnErr, not following the branches on which
// one of the errors in given is non-nil (pairederr.go).
func (t *tracker) dropsOnErrUnless(given map[ssa.Value]bool) bool {
	results := t.fn.Signature.Results()
	n := results.Len()
	if n == 0 || !types.Identical(results.At(n-1).Type(), errorType) || len(t.fn.Blocks) == 0 {
		return false
	}
	kills := make(map[ssa.Instruction]bool)
	safe := make(map[ssa.Instruction]bool)
	condErrs := make(map[ssa.Value]bool)
	killEdges := make(map[edge]bool)
	keepers := t.pathKeepers(nil)
	for i := range t.events {
		ev := &t.events[i]
		switch {
		case ev.UnlessErr != nil:
			condErrs[ev.UnlessErr] = true
		case ev.Kind == Wrap && ev.Direct && ev.kills() && hasFate(keepers, ev.target):
			for _, r := range keepers[ev.target].returns {
				safe[r] = true
			}
			for _, k := range keepers[ev.target].kills {
				kills[k] = true
			}
		case ev.Direct && ev.On != nil && (ev.Kind == Release || ev.Kind == Transfer):
			// Released on one edge only (rows drained by a loop): the
			// other edge, into the loop body, may still drop it.
			killEdges[*ev.On] = true
		case ev.kills():
			kills[ev.Instr] = true
		case ev.Kind == Return && ev.Direct:
			safe[ev.Instr] = true
		}
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{t.fn.Blocks[0]}
	seen[t.fn.Blocks[0]] = true
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ended := false
		for _, instr := range b.Instrs {
			if kills[instr] || safe[instr] {
				ended = true
				break
			}
			switch x := instr.(type) {
			case *ssa.Return:
				if len(x.Results) == n && !isNil(x.Results[n-1]) {
					return true
				}
				ended = true
			case *ssa.Panic:
				ended = true
			case *ssa.Call:
				if class, _ := t.e.classifyCall(x.Common()); class == exitNoReturn || class == exitFailNow {
					ended = true
				}
			}
			if ended {
				break
			}
		}
		if ended {
			continue
		}
		skip := handedOnWithoutErr(b, condErrs)
		failed := failedBranch(b, given)
		for i, s := range b.Succs {
			if len(b.Succs) == 2 && killEdges[edge{b, i}] {
				continue
			}
			if s != skip && s != failed && !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return false
}

// droppedBy returns the callee of the first hand-off limited to a nil
// error, to name it in messages.
func (t *tracker) droppedBy() *ssa.Function {
	for _, ev := range t.events {
		if ev.UnlessErr == nil {
			continue
		}
		if ev.Callee != nil {
			return ev.Callee
		}
		if c, ok := ev.Instr.(ssa.CallInstruction); ok {
			return c.Common().StaticCallee()
		}
	}
	return nil
}

func hasFate(m map[*family]keeperFate, f *family) bool {
	_, ok := m[f]
	return ok
}
