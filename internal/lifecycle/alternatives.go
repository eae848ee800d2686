package lifecycle

import (
	"golang.org/x/tools/go/ssa"
)

// A goroutine that ends by sending once on one of several channels,
//
//	go func() {
//		if _, err := it.Next(); err != nil {
//			errC <- err
//			return
//		}
//		done <- struct{}{}
//	}()
//
// completes once: a receive on done or on errC takes its one value.
// Counting its sends on done alone, with another such goroutine sharing
// the channels, demands a receive on done for each of them and reports
// the passing path that received one on errC instead (nats.go
// jetstream/test/consumer_test.go:999, :1034). When every goroutine that
// sends on the channel, or on the alternatives it also sends on, sends at
// most once per run across all of them, outside loops and selects, and
// the spawning function only receives on the alternatives, the receives
// on any of them count, one per goroutine.

// alternativeCompletions returns the spawning function's receives on mc
// and on the channels gr's goroutine also sends on, and the receives
// needed, when the goroutines sending on them complete by one send each
// (see above); ok is false when they do not.
func (e *engine) alternativeCompletions(gr *Goroutine, mc *ssa.MakeChan, sides []*goSide, parent []chanOp, capacity int64) (ops []chanOp, need int, ok bool) {
	fn := gr.Fn
	alts := e.coordinated(gr, mc)
	if len(alts) == 0 {
		return nil, 0, false
	}
	channels := append([]*ssa.MakeChan{mc}, alts...)
	// The goroutines sending on mc, each sending at most once per run
	// across all the channels.
	senders := make(map[*ssa.Go]bool)
	for _, s := range sides {
		if s.repeated || !s.send || s.recv || s.close {
			return nil, 0, false
		}
		senders[s.g] = true
	}
	ops = append(ops, parent...)
	for _, alt := range alts {
		use := e.localChanUse(alt)
		if use.has(opEscape) || use.has(opLend) || use.foreign {
			return nil, 0, false
		}
		accounted := make(map[ssa.Instruction]bool)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				g, isGo := instr.(*ssa.Go)
				if !isGo || g.Call.IsInvoke() || g.Call.StaticCallee() == nil {
					continue
				}
				side := e.sideOf(fn, g, g.Call.StaticCallee(), alt)
				if side == nil {
					continue
				}
				if !senders[g] || side.recv || side.close || side.repeated {
					return nil, 0, false // another partner on the alternative
				}
				for _, op := range side.opsList {
					accounted[op.instr] = true
				}
			}
		}
		for _, op := range use.ops {
			if accounted[op.instr] {
				continue
			}
			if op.instr.Parent() != fn || op.kind != opRecv {
				return nil, 0, false
			}
			ops = append(ops, op)
		}
	}
	for g := range senders {
		if !e.sendsOnceAcross(fn, g, channels) {
			return nil, 0, false
		}
	}
	// Receives on every path to the go statement took values of
	// goroutines started before it.
	need = len(senders) - int(capacity) - e.receivedBefore(gr.Go, ops)
	if need <= 0 {
		return nil, 0, false
	}
	return ops, need, true
}

// sendsOnceAcross reports whether goroutine g's body sends on channels
// only with plain send statements of its own, outside loops, no path
// passing two of them.
func (e *engine) sendsOnceAcross(fn *ssa.Function, g *ssa.Go, channels []*ssa.MakeChan) bool {
	body := g.Call.StaticCallee()
	sends := make(map[ssa.Instruction]bool)
	for _, mc := range channels {
		side := e.sideOf(fn, g, body, mc)
		if side == nil {
			continue
		}
		for _, op := range side.opsList {
			send, isSend := op.instr.(*ssa.Send)
			if op.kind != opSend || !isSend || send.Parent() != body || e.loopOf(send.Block()) >= 0 {
				return false
			}
			sends[send] = true
		}
	}
	for s := range sends {
		after := reachableAfter(s)
		for o := range sends {
			if o != s && after(o) {
				return false
			}
		}
	}
	return len(sends) > 0
}

// receivedBefore counts the receives of ops that every path to g
// passes, paths that end the test's goroutine first (t.Fatal) aside.
func (e *engine) receivedBefore(g ssa.Instruction, ops []chanOp) int {
	n := 0
	for _, op := range ops {
		if op.kind != opRecv {
			continue
		}
		at := op.instr
		var caseEdge *edge
		if sel, ok := op.instr.(*ssa.Select); ok && op.state >= 0 {
			ed, ok := selectCases(sel)[op.state]
			if !ok {
				continue
			}
			caseEdge, at = &ed, nil
		}
		if !e.reachesAround(g, at, caseEdge) {
			n++
		}
	}
	return n
}

// reachesAround reports whether a path from the entry of g's function
// reaches g without passing instruction at (or edge ed) and without a
// call that ends the goroutine.
func (e *engine) reachesAround(g, at ssa.Instruction, ed *edge) bool {
	fn := g.Parent()
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		blocked := false
		for _, instr := range b.Instrs {
			if instr == g {
				return true
			}
			if instr == at {
				blocked = true
				break
			}
			if _, ok := instr.(*ssa.Call); ok && e.endsPath(instr) {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		for si, s := range b.Succs {
			if ed != nil && ed.b == b && ed.succ == si {
				continue
			}
			if !seen[s] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	return false
}
