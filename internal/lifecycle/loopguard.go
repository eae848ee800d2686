package lifecycle

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Loops whose exit implies an iteration: in
//
//	steps := append(events, "closed")
//	for i, s := range steps {
//		if i == len(events) {
//			c.Close()
//		}
//		…
//	}
//
// the counter runs from 0 by one up to len(steps), which is len(events)+1,
// so a run that leaves the loop through its condition went through the
// iteration where i == len(events), and that iteration tested the guard
// (it lies on every path round the loop). A path search that enters the
// loop from outside and leaves through its condition without taking the
// guard's true edge follows a path no run takes (issue 11 §2.10: a loop
// exit correlated with an earlier branch).
//
// The bound and the guard's value are compared only in two shapes whose
// order is known without value analysis: constants (a constant bound or
// the length of a table literal), and len(s) against the length of
// append(s, x, …) with at least one element appended. Both slices must be
// one value: one SSA value, or loads of a local variable stored once.

// loopGuard is a branch inside a counted loop that every run leaving the
// loop through its condition has taken in some iteration.
type loopGuard struct {
	// header tests the counter against the bound; exit is its successor
	// that leaves the loop.
	header, exit *ssa.BasicBlock
	// guard tests the counter against a value the counter reaches;
	// taken is its successor where they are equal.
	guard, taken *ssa.BasicBlock
}

// loopGuards returns the guarded loops of fn by header.
func loopGuards(fn *ssa.Function) map[*ssa.BasicBlock]*loopGuard {
	var out map[*ssa.BasicBlock]*loopGuard
	for _, h := range fn.Blocks {
		g := guardedLoop(h)
		if g == nil {
			continue
		}
		if out == nil {
			out = make(map[*ssa.BasicBlock]*loopGuard)
		}
		out[h] = g
	}
	return out
}

// guardedLoop returns the guard of the loop h heads, when h tests a
// counter against a bound fixed before the loop (counter < bound) and some
// block on every path round the loop tests the counter against a value it
// provably reaches before the bound.
func guardedLoop(h *ssa.BasicBlock) *loopGuard {
	cmp, ok := branchCond(h)
	if !ok || cmp.Op != token.LSS || !definedBefore(cmp.Y, h) {
		return nil
	}
	first, ok := countsByOne(cmp.X, h)
	if !ok {
		return nil
	}
	var latches []*ssa.BasicBlock
	for _, p := range h.Preds {
		if h.Dominates(p) {
			latches = append(latches, p)
		}
	}
	if len(latches) == 0 {
		return nil
	}
	for _, g := range h.Parent().Blocks {
		if g == h || !h.Dominates(g) || !dominatesAll(g, latches) {
			continue
		}
		eq, ok := branchCond(g)
		if !ok || (eq.Op != token.EQL && eq.Op != token.NEQ) {
			continue
		}
		var k ssa.Value
		switch cmp.X {
		case eq.X:
			k = eq.Y
		case eq.Y:
			k = eq.X
		default:
			continue
		}
		if !reachedBefore(first, k, cmp.Y) {
			continue
		}
		taken := g.Succs[0]
		if eq.Op == token.NEQ {
			taken = g.Succs[1]
		}
		return &loopGuard{header: h, exit: h.Succs[1], guard: g, taken: taken}
	}
	return nil
}

// branchCond returns the comparison b's final If tests.
func branchCond(b *ssa.BasicBlock) (*ssa.BinOp, bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return nil, false
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	return cmp, ok
}

// definedBefore reports whether v is computed before the loop h heads: a
// constant, parameter or global, or an instruction of a block that
// strictly dominates h.
func definedBefore(v ssa.Value, h *ssa.BasicBlock) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return true
	}
	b := instr.Block()
	return b != nil && b != h && b.Dominates(h)
}

// countsByOne reports whether counter, tested in header h, starts at a
// constant on every edge into the loop and grows by one on every edge
// round it, and returns its largest first value. counter is a phi of h
// (a three-clause loop) or that phi plus a constant (a range loop, whose
// phi starts at -1).
func countsByOne(counter ssa.Value, h *ssa.BasicBlock) (int64, bool) {
	var add int64
	phi, ok := counter.(*ssa.Phi)
	if !ok {
		b, isAdd := counter.(*ssa.BinOp)
		if !isAdd || b.Op != token.ADD {
			return 0, false
		}
		k, isConst := intConst(b.Y)
		if !isConst {
			return 0, false
		}
		add = k
		phi, ok = b.X.(*ssa.Phi)
	}
	if !ok || phi.Block() != h || len(phi.Edges) != len(h.Preds) {
		return 0, false
	}
	first, entries := int64(0), 0
	for i, p := range h.Preds {
		e := phi.Edges[i]
		if h.Dominates(p) {
			if !plusOne(e, phi) {
				return 0, false
			}
			continue
		}
		k, ok := intConst(e)
		if !ok {
			return 0, false
		}
		if entries == 0 || k+add > first {
			first = k + add
		}
		entries++
	}
	return first, entries > 0
}

// plusOne reports whether v is phi + 1.
func plusOne(v ssa.Value, phi *ssa.Phi) bool {
	b, ok := v.(*ssa.BinOp)
	if !ok || b.Op != token.ADD {
		return false
	}
	x, y := b.X, b.Y
	if y == phi {
		x, y = y, x
	}
	k, ok := intConst(y)
	return x == phi && ok && k == 1
}

// dominatesAll reports whether b dominates every block of bs.
func dominatesAll(b *ssa.BasicBlock, bs []*ssa.BasicBlock) bool {
	for _, x := range bs {
		if !b.Dominates(x) {
			return false
		}
	}
	return true
}

// reachedBefore reports whether a counter that starts at first and grows
// by one takes the value k before it reaches bound: first <= k < bound.
func reachedBefore(first int64, k, bound ssa.Value) bool {
	if kc, ok := intConst(k); ok {
		n, ok := constLength(bound)
		return ok && first <= kc && kc < n
	}
	// k = len(s), bound = len(append(s, x, …)): k >= 0, bound > k.
	s, ok := lenOf(k)
	if !ok || first > 0 {
		return false
	}
	grown, ok := lenOf(bound)
	if !ok {
		return false
	}
	call, ok := grown.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "append" || len(call.Call.Args) != 2 {
		return false
	}
	added, ok := wholeArrayLen(call.Call.Args[1])
	return ok && added > 0 && sameSlice(s, call.Call.Args[0])
}

// lenOf returns x when v is len(x).
func lenOf(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "len" || len(call.Call.Args) != 1 {
		return nil, false
	}
	return call.Call.Args[0], true
}

// sameSlice reports whether a and b hold one value: they are one SSA
// value, or loads of one local variable that is stored once, before both
// loads, and that no closure stores to.
func sameSlice(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok := a.(*ssa.UnOp)
	if !ok || la.Op != token.MUL {
		return false
	}
	lb, ok := b.(*ssa.UnOp)
	if !ok || lb.Op != token.MUL || la.X != lb.X {
		return false
	}
	alloc, ok := la.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	store, ok := storedOnce(alloc)
	return ok && registeredBefore(store, la) && registeredBefore(store, lb)
}

// storedOnce returns the one store to the local variable alloc, when its
// address goes nowhere else than to loads and to closures that only load
// it.
func storedOnce(alloc *ssa.Alloc) (*ssa.Store, bool) {
	stores, ok := allocStores(alloc)
	if !ok || len(stores) != 1 {
		return nil, false
	}
	return stores[0], true
}

// allocStores returns the stores to the local variable alloc, when its
// address goes nowhere else than to loads and to closures that only load
// it, so that they are all the values it ever holds besides its zero.
func allocStores(alloc *ssa.Alloc) ([]*ssa.Store, bool) {
	var stores []*ssa.Store
	for _, r := range referrers(alloc) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil, false
			}
		case *ssa.Store:
			if r.Addr != alloc {
				return nil, false
			}
			stores = append(stores, r)
		case *ssa.MakeClosure:
			if !onlyLoadsBinding(r, alloc) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return stores, true
}

// onlyLoadsBinding reports whether the closure mc only loads the
// variables it binds to v.
func onlyLoadsBinding(mc *ssa.MakeClosure, v ssa.Value) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, bound := range mc.Bindings {
		if bound != v {
			continue
		}
		if i >= len(fn.FreeVars) {
			return false
		}
		for _, r := range referrers(fn.FreeVars[i]) {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// guardOnEdge returns the guard a path still owes after it takes the edge
// from b to s, having owed pending before, and false when the edge leaves
// a loop whose guard the path has not taken: entering a guarded loop from
// outside owes its guard, taking the guard's edge pays it.
func guardOnEdge(guards map[*ssa.BasicBlock]*loopGuard, pending *loopGuard, b, s *ssa.BasicBlock) (*loopGuard, bool) {
	if pending != nil {
		if b == pending.header && s == pending.exit {
			return nil, false
		}
		if b == pending.guard && s == pending.taken {
			pending = nil
		}
	}
	if g := guards[s]; g != nil && !s.Dominates(b) {
		pending = g
	}
	return pending, true
}
