package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Loops that run at least once: `for _, tc := range tests` over a table
// literal with cases, or over an array, enters its body on the first test
// of the loop condition; the edge that skips the loop is taken only after
// an iteration. A path search that leaves such a loop without an
// iteration follows a path no run takes (a directory removed at the end
// of every case reported as never removed).

// firstIterationExit returns the edge out of the loop that header tests,
// when the path arrives at header from pred, outside the loop, and the
// first test cannot fail: the loop counter starts at a constant and is
// compared (<) with a constant length greater than it. It returns nil
// otherwise.
func firstIterationExit(pred, header *ssa.BasicBlock) *ssa.BasicBlock {
	if len(header.Instrs) == 0 || len(header.Succs) != 2 {
		return nil
	}
	iff, ok := header.Instrs[len(header.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.LSS {
		return nil
	}
	first, ok := firstCounterValue(cmp.X, pred, header)
	if !ok {
		return nil
	}
	n, ok := constLength(cmp.Y)
	if !ok || first >= n {
		return nil
	}
	return header.Succs[1]
}

// firstCounterValue returns the value v has in header when the path
// arrives from pred: v is a phi of header whose edge from pred is a
// constant, or that phi plus a constant.
func firstCounterValue(v ssa.Value, pred, header *ssa.BasicBlock) (int64, bool) {
	var add int64
	if b, ok := v.(*ssa.BinOp); ok && b.Op == token.ADD {
		k, ok := intConst(b.Y)
		if !ok {
			return 0, false
		}
		add, v = k, b.X
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != header {
		return 0, false
	}
	for i, p := range header.Preds {
		if p == pred && i < len(phi.Edges) {
			k, ok := intConst(phi.Edges[i])
			return k + add, ok
		}
	}
	return 0, false
}

// constLength returns the length a loop compares with when it is known:
// a constant (a range over an array), or len of a slice of a whole
// array allocation (a slice or table literal).
func constLength(v ssa.Value) (int64, bool) {
	if k, ok := intConst(v); ok {
		return k, true
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return 0, false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "len" || len(call.Call.Args) != 1 {
		return 0, false
	}
	return wholeArrayLen(call.Call.Args[0])
}

// wholeArrayLen returns the length of v when v slices a whole array
// allocation (a slice or table literal, the variadic arguments of a call).
func wholeArrayLen(v ssa.Value) (int64, bool) {
	s, ok := v.(*ssa.Slice)
	if !ok || s.Low != nil || s.High != nil {
		return 0, false
	}
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok {
		return 0, false
	}
	ptr, ok := alloc.Type().Underlying().(*types.Pointer)
	if !ok {
		return 0, false
	}
	arr, ok := ptr.Elem().Underlying().(*types.Array)
	if !ok {
		return 0, false
	}
	return arr.Len(), true
}

// intConst returns the value of an integer constant.
func intConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}
