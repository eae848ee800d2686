package lifecycle

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Correlated branch conditions: `if packet { ... } ... if packet { ... }`
// tests one parameter twice, and `if r1.StatusCode != 200 { return }` then
// `if err != nil || r1.StatusCode != 200` tests one field of one response
// twice. Where the second test cannot go the other way, the path search
// must not follow it. A condition is tracked, as a flag bit, when two or
// more branches test it in one canonical form:
//
//   - the same SSA value (a parameter, a comparison computed once);
//   - a parameter or free variable compared (== or !=) with a constant;
//   - a field of a standard-library struct (a response's StatusCode) that
//     the function never stores to, compared with a constant.
//
// Values that can change between the tests (locals reassigned, fields of
// user types a callee may update) are phis or loads of other kinds and
// are not tracked: correlations through different expressions
// (`packet` and `network == "udp"`) need value analysis this search
// does not do.

// condBit is the flag bit of a tracked condition; neg says the value is
// the negation of the canonical condition the bit holds.
type condBit struct {
	i   int
	neg bool
}

// condKey is a condition's canonical form.
type condKey struct {
	v     ssa.Value
	field int // 1 + the field index, for a field load of v
	c     string
}

// repeatedConds tracks the conditions that several branches test.
func (f *branchFlags) repeatedConds(fn *ssa.Function) {
	type seen struct {
		vals   []ssa.Value
		negs   []bool
		blocks map[*ssa.BasicBlock]bool
	}
	groups := make(map[condKey]*seen)
	var order []condKey
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		c := stripNot(iff.Cond)
		if _, isPhi := c.(*ssa.Phi); isPhi {
			continue
		}
		key, neg, ok := canonCond(c)
		if !ok {
			continue
		}
		g := groups[key]
		if g == nil {
			g = &seen{blocks: make(map[*ssa.BasicBlock]bool)}
			groups[key] = g
			order = append(order, key)
		}
		g.vals = append(g.vals, c)
		g.negs = append(g.negs, neg)
		g.blocks[b] = true
	}
	next := len(f.index)
	for _, key := range order {
		g := groups[key]
		if len(g.blocks) < 2 || next == maxFlags {
			continue
		}
		if f.conds == nil {
			f.conds = make(map[ssa.Value]condBit)
		}
		for i, v := range g.vals {
			f.conds[v] = condBit{i: next, neg: g.negs[i]}
		}
		next++
	}
}

// canonCond returns the canonical form of a branch condition, and
// whether the condition is its negation.
func canonCond(c ssa.Value) (condKey, bool, bool) {
	switch c := c.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return condKey{v: c}, false, true
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return condKey{v: c}, false, true
		}
		x, k := c.X, c.Y
		if _, isConst := x.(*ssa.Const); isConst {
			x, k = k, x
		}
		kc, isConst := k.(*ssa.Const)
		if !isConst {
			return condKey{v: c}, false, true
		}
		neg := c.Op == token.NEQ
		switch x := x.(type) {
		case *ssa.Parameter, *ssa.FreeVar:
			return condKey{v: x, c: kc.String()}, neg, true
		case *ssa.UnOp:
			if base, field, ok := stableField(x); ok {
				return condKey{v: base, field: field + 1, c: kc.String()}, neg, true
			}
		}
		return condKey{v: c}, false, true
	case *ssa.Call:
		return condKey{}, false, false // may differ from one call to the next
	}
	return condKey{v: c}, false, true
}

// stableField reports whether load reads field of a standard-library
// struct through base, and nothing in the function stores to that field
// of base.
func stableField(load *ssa.UnOp) (ssa.Value, int, bool) {
	fa, ok := load.X.(*ssa.FieldAddr)
	if load.Op != token.MUL || !ok {
		return nil, 0, false
	}
	key, ok := TypeKeyOf(fa.X.Type())
	if !ok || !IsStdPath(key.Pkg) {
		return nil, 0, false
	}
	for _, r := range referrers(fa.X) {
		other, ok := r.(*ssa.FieldAddr)
		if !ok || other.Field != fa.Field {
			continue
		}
		for _, rr := range referrers(other) {
			if st, ok := rr.(*ssa.Store); ok && st.Addr == other {
				return nil, 0, false
			}
		}
	}
	return fa.X, fa.Field, true
}

// leave returns the state after the edge from pred into b when pred's
// branch tests a tracked condition: the edge fixes it.
func (f *branchFlags) leave(pred, b *ssa.BasicBlock, st flagState) flagState {
	if len(f.conds) == 0 || pred == nil || len(pred.Succs) != 2 || pred.Succs[0] == pred.Succs[1] {
		return st
	}
	iff, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
	if !ok {
		return st
	}
	c, odd := stripNotOdd(iff.Cond)
	cb, tracked := f.conds[c]
	if !tracked {
		return st
	}
	holds := b == pred.Succs[0] // the condition as written is true
	canonical := holds != odd != cb.neg
	bit := uint16(1) << cb.i
	st.known |= bit
	if canonical {
		st.val |= bit
	} else {
		st.val &^= bit
	}
	return st
}

// entryState returns the state of the conditions decided on every path
// from the function's entry to start: a tracked branch that dominates
// start through one of its edges only (its successor there dominates
// start) has taken that edge.
func (f *branchFlags) entryState(start *ssa.BasicBlock) flagState {
	var st flagState
	if len(f.conds) == 0 {
		return st
	}
	for p := start.Idom(); p != nil; p = p.Idom() {
		if len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
			continue
		}
		for _, s := range p.Succs {
			if s.Dominates(start) && len(s.Preds) == 1 {
				st = f.leave(p, s, st)
			}
		}
	}
	return st
}
