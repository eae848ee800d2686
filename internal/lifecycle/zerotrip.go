package lifecycle

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// zeroTripLoop reports the loop whose zero-trip test is the branch of b
// along its successor index si, or -1.
//
// go/ssa builds `for range n` with the test `0 < n` in front of the loop,
// outside its cycle, whose false edge jumps to the block the loop's own
// test `iter < n` leaves to. That edge is the loop ending after no turn,
// just as the first test of `for i := 0; i < n; i++` is: a search that
// treats a loop's normal end as a join (once per turn) must treat this
// edge so too, or every range-over-int join loop looks skippable.
//
// The criterion is structural: b ends in `if 0 < x`, its true edge enters
// loop l, and a block of l ends in `if y < x` (the same x) whose false
// edge goes where b's false edge goes. A user's own guard of the same
// shape (`if 0 < n { for i := 0; i < n; i++ {...} }`) means the same.
func (e *engine) zeroTripLoop(b *ssa.BasicBlock, si int) int {
	if si != 1 || len(b.Succs) != 2 || e.loopOf(b) >= 0 && e.loopOf(b) == e.loopOf(b.Succs[0]) {
		return -1
	}
	x, ok := lessThanOperand(b, true)
	if !ok {
		return -1
	}
	body, exit := b.Succs[0], b.Succs[1]
	l := e.loopOf(body)
	if l < 0 {
		return -1
	}
	for _, p := range exit.Preds {
		if p == b || e.loopOf(p) != l || len(p.Succs) != 2 || p.Succs[1] != exit {
			continue
		}
		if y, ok := lessThanOperand(p, false); ok && y == x {
			return l
		}
	}
	return -1
}

// lessThanOperand returns x when b ends in `if c < x` (zero: c is the
// constant 0).
func lessThanOperand(b *ssa.BasicBlock, zero bool) (ssa.Value, bool) {
	if len(b.Instrs) == 0 {
		return nil, false
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.LSS {
		return nil, false
	}
	if zero {
		c, ok := cmp.X.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Int || constant.Sign(c.Value) != 0 {
			return nil, false
		}
	}
	return cmp.Y, true
}
