package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A test that polls from a goroutine until a deadline, and waits for that
// deadline itself before it returns, ends the poller by the deadline, not
// by its deferred cancel:
//
//	sCtx, sCancel := context.WithTimeout(ctx, d)
//	defer sCancel()
//	go func() {
//		for sCtx.Err() == nil {
//			if err := call(sCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
//				t.Error(err)
//			}
//		}
//	}()
//	<-sCtx.Done()
//
// By the time the test returns, sCtx is past its deadline: every later
// call handed it fails with context.DeadlineExceeded, which the goroutine
// tolerates. A cancel of the context (or of a parent) that can run before
// the wait would end it with context.Canceled instead.

// expiresBeforeEnd reports whether the context a, a value of f's function
// that comes from the starting function fn, has passed its deadline on
// every path on which fn returns without failing: it is made by
// context.WithTimeout or WithDeadline, no cancel of it or of a parent
// can run before fn's end (each is deferred, registered with t.Cleanup,
// or dropped), and fn receives from its Done channel on every such path.
func (e *engine) expiresBeforeEnd(fn *ssa.Function, f *frame, a ssa.Value) bool {
	origins := originsIn(f, a, 0)
	if len(origins) != 1 {
		return false
	}
	names := []ssa.Value{normaliseRoot(origins[0])}
	if cell, ok := names[0].(*ssa.Alloc); ok {
		// A variable a closure captures: the context stored in it,
		// once.
		stored := cellValues(cell)[1:]
		if len(stored) != 1 {
			return false
		}
		names = append(names, stored[0])
	}
	ex, ok := names[len(names)-1].(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return false
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || !isDeadlineCall(call) || !cancelledOnlyAtEnd(call) || !parentsEndAfter(call.Common().Args[0], 0) {
		return false
	}
	return e.awaitsDone(fn, names)
}

// isDeadlineCall reports whether call is context.WithTimeout or
// WithDeadline (with or without a cause).
func isDeadlineCall(call *ssa.Call) bool {
	key, ok := calleeKey(call.Common())
	if !ok || key.Pkg != "context" || key.Recv != "" {
		return false
	}
	switch key.Name {
	case "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
		return true
	}
	return false
}

// cancelledOnlyAtEnd reports whether the cancel function call returns
// (its second result) is only deferred, registered with t.Cleanup, or
// dropped: it runs when the function ends, not before.
func cancelledOnlyAtEnd(call *ssa.Call) bool {
	for _, r := range referrers(call) {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == 1 && !runsOnlyAtEnd(ex, 0) {
			return false
		}
	}
	return true
}

// runsOnlyAtEnd reports whether the function value f is only deferred or
// registered with t.Cleanup (as it is, or converted to func()).
func runsOnlyAtEnd(f ssa.Value, depth int) bool {
	for _, u := range referrers(f) {
		switch x := u.(type) {
		case *ssa.Defer:
			if x.Common().Value != f {
				return false
			}
		case *ssa.Call:
			if !IsCleanupCall(x.Common()) {
				return false
			}
		case *ssa.ChangeType:
			if depth > 2 || !runsOnlyAtEnd(x, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// parentsEndAfter reports whether the parent context v ends no earlier
// than the function's end: context.Background or TODO, t.Context() (done
// only after the test returns), or a context derived from one of those
// whose own cancel runs only at the end (a parent's deadline passing
// ends the child with context.DeadlineExceeded too).
func parentsEndAfter(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	v = normaliseRoot(v)
	if isBackgroundCall(v) || isTestContextCall(v) {
		return true
	}
	if ex, ok := v.(*ssa.Extract); ok {
		v = ex.Tuple
		if ex.Index != 0 {
			return false
		}
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	key, ok := calleeKey(call.Common())
	if !ok || key.Pkg != "context" || key.Recv != "" || len(call.Common().Args) == 0 {
		return false
	}
	switch key.Name {
	case "WithValue":
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
		if !cancelledOnlyAtEnd(call) {
			return false
		}
	default:
		return false
	}
	return parentsEndAfter(call.Common().Args[0], depth+1)
}

// isTestContextCall reports whether v is t.Context() of a *testing.T, B,
// F or testing.TB.
func isTestContextCall(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	key, ok := calleeKey(call.Common())
	return ok && key.Pkg == "testing" && key.Recv != "" && key.Name == "Context"
}

// awaitsDone reports whether every path from fn's entry to a return (or a
// t.Skip) receives from ctx.Done() first, where ctx is one of names (the
// context, and the variable that holds it): a receive, or a select that
// can only go on through that case or through cases that fail the test.
// Paths that fail the test are not followed.
func (e *engine) awaitsDone(fn *ssa.Function, names []ssa.Value) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	isDone := func(ch ssa.Value) bool {
		call, ok := ch.(*ssa.Call)
		if !ok || !call.Common().IsInvoke() || call.Common().Method.Name() != "Done" {
			return false
		}
		recv := normaliseRoot(call.Common().Value)
		for _, n := range names {
			if recv == n {
				return true
			}
		}
		return false
	}
	// Selects with a Done case: the states through which the path goes on
	// without the deadline.
	others := map[*ssa.Select][]int{}
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	queue := []item{{fn.Blocks[0], 0}}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		blocked := false
	scan:
		for _, instr := range it.b.Instrs[it.i:] {
			switch x := instr.(type) {
			case *ssa.Return:
				return false
			case *ssa.Panic:
				blocked = true
				break scan
			case *ssa.UnOp:
				if x.Op == token.ARROW && isDone(x.X) {
					blocked = true
					break scan
				}
			case *ssa.Select:
				var rest []int
				done := false
				for i, st := range x.States {
					if st.Dir == types.RecvOnly && isDone(st.Chan) {
						done = true
					} else {
						rest = append(rest, i)
					}
				}
				if done {
					if len(rest) == 0 && x.Blocking {
						blocked = true
						break scan
					}
					others[x] = rest
				}
			case *ssa.Call:
				class, _ := e.classifyCall(x.Common())
				switch {
				case class != exitNone && IsSkipCall(x.Common()):
					return false
				case class == exitNoReturn || class == exitFailNow:
					blocked = true
					break scan
				}
			}
		}
		if blocked {
			continue
		}
		succs := it.b.Succs
		if iff, ok := it.b.Instrs[len(it.b.Instrs)-1].(*ssa.If); ok {
			for sel, rest := range others {
				if edge, ok := selectEdge(iff, sel, rest); ok {
					succs = succs[edge : edge+1]
					break
				}
				if len(rest) == 0 && !sel.Blocking {
					// Only the default case goes on without the deadline.
					if edge, ok := selectEdge(iff, sel, []int{-1}); ok {
						succs = succs[edge : edge+1]
						break
					}
				}
			}
		}
		for _, s := range succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return true
}
