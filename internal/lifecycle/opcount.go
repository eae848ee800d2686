package lifecycle

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// How many times a goroutine's channel operations can run, beyond the
// plain "is it in a loop" of countOps: a closure called or deferred in
// place runs once per call, a send behind a flag that the send itself
// sets runs once per loop, and a goroutine started once per iteration of
// a loop that waits for its result before the next one is never more
// than one sender at a time.

// inPlaceClosures maps the calls and defers of fn that run a function
// literal made right there (`defer func() { ch <- err }()`, or an
// immediately called literal) to that literal. A literal that is also
// stored, passed on or started with go is left out: how often it runs is
// unknown.
func inPlaceClosures(fn *ssa.Function) map[ssa.Instruction]*ssa.Function {
	var out map[ssa.Instruction]*ssa.Function
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mk, ok := instr.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			lit, ok := mk.Fn.(*ssa.Function)
			if !ok {
				continue
			}
			var runs []ssa.Instruction
			only := true
			for _, r := range referrers(mk) {
				switch r := r.(type) {
				case *ssa.Call:
					only = only && r.Call.Value == mk
					runs = append(runs, r)
				case *ssa.Defer:
					only = only && r.Call.Value == mk
					runs = append(runs, r)
				case *ssa.DebugRef:
				default:
					only = false
				}
			}
			if !only {
				continue
			}
			for _, r := range runs {
				if out == nil {
					out = make(map[ssa.Instruction]*ssa.Function)
				}
				out[r] = lit
			}
		}
	}
	return out
}

// onceGuarded reports whether the code of block b, which sits in a loop,
// runs at most once per run of its function: b is reached only when a
// boolean flag carried around the loop is false, the flag starts the
// loop false or true, and every way from b back around the loop carries
// it as true (`if !sent { ch <- v; sent = true }`).
func (e *engine) onceGuarded(b *ssa.BasicBlock) bool {
	loop := e.loopOf(b)
	if loop < 0 {
		return false
	}
	for _, guard := range b.Parent().Blocks {
		if guard == b || e.loopOf(guard) != loop {
			continue
		}
		iff, ok := guard.Instrs[len(guard.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		flag, whenFalse := flagTest(iff.Cond)
		if flag == nil || e.loopOf(flag.Block()) != loop {
			continue
		}
		entry := guard.Succs[whenFalse]
		if len(entry.Preds) != 1 || !entry.Dominates(b) {
			continue
		}
		if e.setOnceRan(flag, b) {
			return true
		}
	}
	return false
}

// flagTest returns the phi that cond tests directly (or negated), and
// the If successor taken when that phi is false.
func flagTest(cond ssa.Value) (*ssa.Phi, int) {
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		if p, ok := not.X.(*ssa.Phi); ok {
			return p, 0
		}
		return nil, 0
	}
	if p, ok := cond.(*ssa.Phi); ok {
		return p, 1
	}
	return nil, 0
}

// setOnceRan reports whether, once block b has run in a round of the
// loop, the flag comes back around as true on every edge into its phi,
// and b cannot run twice in one round.
func (e *engine) setOnceRan(flag *ssa.Phi, b *ssa.BasicBlock) bool {
	head := flag.Block()
	loop := e.loopOf(b)
	// after: the blocks a round reaches from b before it comes back to
	// the flag's block.
	after := map[*ssa.BasicBlock]bool{b: true}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return false // b runs again within one round
		}
		if x == head || after[x] || e.loopOf(x) != loop {
			continue
		}
		after[x] = true
		stack = append(stack, x.Succs...)
	}
	came := false
	for i, pred := range head.Preds {
		if e.loopOf(pred) == loop && !keepsTrue(flag, flag.Edges[i], loop, e, 0) {
			return false // some round sets it back to false
		}
		if !after[pred] {
			continue
		}
		came = true
		if !trueAfter(flag.Edges[i], after, 0) {
			return false
		}
	}
	return came
}

// keepsTrue reports whether v, carried around the loop into flag, is
// true whenever flag was: flag itself, the constant true, or phis of
// those.
func keepsTrue(flag *ssa.Phi, v ssa.Value, loop int, e *engine, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value != nil && x.Value.Kind() == constant.Bool && constant.BoolVal(x.Value)
	case *ssa.Phi:
		if x == flag {
			return true
		}
		if e.loopOf(x.Block()) != loop {
			return false
		}
		for _, ed := range x.Edges {
			if !keepsTrue(flag, ed, loop, e, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// trueAfter reports whether v is true on every path that ran the blocks
// in after.
func trueAfter(v ssa.Value, after map[*ssa.BasicBlock]bool, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value != nil && x.Value.Kind() == constant.Bool && constant.BoolVal(x.Value)
	case *ssa.Phi:
		if !after[x.Block()] {
			return false
		}
		for i, pred := range x.Block().Preds {
			if after[pred] && !trueAfter(x.Edges[i], after, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// joinedPerRound reports whether every way from go statement g back to
// itself (the next iteration of its loop) passes one of the spawner's
// receives from the channel in parent: each goroutine is waited for
// before the next one starts.
func joinedPerRound(g *ssa.Go, parent []chanOp) bool {
	cutBlock := make(map[*ssa.BasicBlock]bool)
	cutEdge := make(map[edge]bool)
	for _, op := range parent {
		if op.kind != opRecv {
			continue
		}
		if sel, ok := op.instr.(*ssa.Select); ok {
			if op.state < 0 || !sel.Blocking {
				return false
			}
			ed, ok := selectCases(sel)[op.state]
			if !ok {
				return false
			}
			cutEdge[ed] = true
			continue
		}
		cutBlock[op.instr.Block()] = true
	}
	start := g.Block()
	for _, op := range parent {
		if _, plain := op.instr.(*ssa.UnOp); plain && op.kind == opRecv && op.instr.Block() == start && indexOf(start, op.instr) > indexOf(start, g) {
			return true // received right after the go statement
		}
	}
	seen := make(map[*ssa.BasicBlock]bool)
	type step struct {
		from *ssa.BasicBlock
		succ int
	}
	var stack []step
	push := func(b *ssa.BasicBlock) {
		for i := range b.Succs {
			stack = append(stack, step{b, i})
		}
	}
	push(start)
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cutEdge[edge{s.from, s.succ}] {
			continue
		}
		x := s.from.Succs[s.succ]
		if x == start {
			return false
		}
		if seen[x] || cutBlock[x] {
			continue
		}
		seen[x] = true
		push(x)
	}
	return true
}
