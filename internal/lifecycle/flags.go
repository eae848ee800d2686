package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// maxFlags bounds how many boolean flags a path search follows per
// function; the others are simply unknown.
const maxFlags = 16

// flagBudget bounds a path search to this many visits per block before it
// stops telling flag values apart.
const flagBudget = 8

// branchFlags are the boolean phis of a function that decide a branch
// (`ok := false; ... if ok {`), directly or through other such phis. A
// path search that knows which edge it entered a block by knows their
// values, and skips the branch a flag rules out: the second attempt that
// runs only when the first failed, the Close that runs only when the file
// was not handed over.
type branchFlags struct {
	index map[*ssa.Phi]int
	// conds are the conditions that more than one branch tests
	// (condflags.go): a path that took one of those branches knows how
	// the others go.
	conds map[ssa.Value]condBit
}

// none reports whether the function has nothing a path can fix.
func (f *branchFlags) none() bool { return len(f.index) == 0 && len(f.conds) == 0 }

// flagState holds the flags a path has fixed: bit i of known is set when
// flag i's value is known, and bit i of val is that value.
type flagState struct{ known, val uint16 }

func newBranchFlags(fn *ssa.Function) *branchFlags {
	f := &branchFlags{}
	var work []*ssa.Phi
	add := func(v ssa.Value) {
		phi, ok := v.(*ssa.Phi)
		if !ok || !isBool(phi.Type()) {
			return
		}
		if f.index == nil {
			f.index = make(map[*ssa.Phi]int)
		}
		if _, seen := f.index[phi]; seen || len(f.index) == maxFlags {
			return
		}
		f.index[phi] = len(f.index)
		work = append(work, phi)
	}
	for _, b := range fn.Blocks {
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			add(stripNot(iff.Cond))
		}
	}
	for len(work) > 0 {
		phi := work[len(work)-1]
		work = work[:len(work)-1]
		for _, e := range phi.Edges {
			add(e)
		}
	}
	f.repeatedConds(fn)
	return f
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// stripNot returns the operand of a chain of `!`, and whether their
// number is odd.
func stripNotOdd(v ssa.Value) (ssa.Value, bool) {
	odd := false
	for {
		not, ok := v.(*ssa.UnOp)
		if !ok || not.Op != token.NOT {
			return v, odd
		}
		v, odd = not.X, !odd
	}
}

func stripNot(v ssa.Value) ssa.Value {
	v, _ = stripNotOdd(v)
	return v
}

// value returns v's value in st, when st or v itself fixes it.
func (f *branchFlags) value(v ssa.Value, st flagState) (val, ok bool) {
	v, odd := stripNotOdd(v)
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil || v.Value.Kind() != constant.Bool {
			return false, false
		}
		return constant.BoolVal(v.Value) != odd, true
	case *ssa.Phi:
		i, tracked := f.index[v]
		if !tracked || st.known&(1<<i) == 0 {
			return false, false
		}
		return (st.val&(1<<i) != 0) != odd, true
	}
	if cb, tracked := f.conds[v]; tracked && st.known&(1<<cb.i) != 0 {
		return (st.val&(1<<cb.i) != 0) != cb.neg != odd, true
	}
	return false, false
}

// enter returns the state after the edge from pred into b: b's flags take
// the values their edges from pred carry (all read before any is set, as
// phis are).
func (f *branchFlags) enter(b, pred *ssa.BasicBlock, st flagState) flagState {
	if f.none() {
		return st
	}
	st = f.leave(pred, b, st)
	p := -1
	for i, x := range b.Preds {
		if x == pred {
			p = i
			break
		}
	}
	next := st
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		i, tracked := f.index[phi]
		if !tracked {
			continue
		}
		bit := uint16(1) << i
		next.known &^= bit
		next.val &^= bit
		if p < 0 {
			continue
		}
		if v, ok := f.value(phi.Edges[p], st); ok {
			next.known |= bit
			if v {
				next.val |= bit
			}
		}
	}
	return next
}

// decided narrows succs, b's feasible successors, to the one b's branch
// takes when st fixes its condition.
func (f *branchFlags) decided(b *ssa.BasicBlock, st flagState, succs []*ssa.BasicBlock) []*ssa.BasicBlock {
	if f.none() || st.known == 0 {
		return succs
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return succs
	}
	v, ok := f.value(iff.Cond, st)
	if !ok {
		return succs
	}
	taken := b.Succs[1]
	if v {
		taken = b.Succs[0]
	}
	for _, s := range succs {
		if s == taken {
			return []*ssa.BasicBlock{taken}
		}
	}
	return nil
}
