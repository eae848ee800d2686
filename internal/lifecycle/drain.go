package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// The blocking timer drain: `if !t.Stop() { <-t.C }` empties a timer's
// channel when Stop reports that the timer already fired. If the program
// already received that value (a select case on t.C, an earlier drain)
// and nothing re-armed the timer (Reset, a new timer) since, Stop reports
// false and the channel is empty: the receive blocks forever.

// A Drain is a blocking receive from a timer's channel guarded by a Stop
// that reported false, reachable after the channel may already have been
// received from.
type Drain struct {
	// Fn holds the drain.
	Fn *ssa.Function
	// Recv is the draining receive; Stop the call guarding it.
	Recv *ssa.UnOp
	Stop *ssa.Call
	// Prior is a receive of the same timer's channel from which Stop is
	// reachable without a Reset in between.
	Prior token.Pos
}

// Drains returns the package's blocking timer drains, computed on first
// use.
func (r *Result) Drains() []*Drain {
	e := r.e
	if e == nil {
		return nil
	}
	st := e.stop()
	if st.dDone {
		return st.drains
	}
	st.dDone = true
	seen := make(map[token.Pos]bool)
	for _, fn := range r.Funcs {
		for _, d := range e.drainsIn(fn) {
			if !seen[d.Recv.Pos()] {
				seen[d.Recv.Pos()] = true
				st.drains = append(st.drains, d)
			}
		}
	}
	return st.drains
}

// fieldKey identifies a field reached from an identified base.
type fieldKey struct {
	base  any
	field *types.Var
}

// timerKey identifies the timer a *time.Timer value holds: the value
// itself, or the variable cell, package variable or field it was loaded
// from, so that two loads of s.timer are the same timer.
func timerKey(v ssa.Value) any {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return v
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			return fieldKey{base: timerKey(a.X), field: fieldVar(a.X.Type(), a.Field)}
		case *ssa.Global, *ssa.Alloc, *ssa.FreeVar:
			return a
		}
	case *ssa.Field:
		return fieldKey{base: timerKey(x.X), field: fieldVar(x.X.Type(), x.Field)}
	case *ssa.ChangeType:
		return timerKey(x.X)
	}
	return v
}

func isTimer(t types.Type) bool {
	key, ok := TypeKeyOf(t)
	return ok && key == TypeKey{Pkg: "time", Name: "Timer"}
}

// timerOfChan returns the timer whose C channel v was loaded from.
func timerOfChan(v ssa.Value) (ssa.Value, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok || !isTimer(fa.X.Type()) {
		return nil, false
	}
	if f := fieldVar(fa.X.Type(), fa.Field); f == nil || f.Name() != "C" {
		return nil, false
	}
	return fa.X, true
}

// timerCall returns the timer a (*time.Timer).name call acts on.
func timerCall(instr ssa.Instruction, name string) (ssa.Value, bool) {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil, false
	}
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Name() != name || len(call.Common().Args) == 0 {
		return nil, false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || FuncKeyOf(obj) != (FuncKey{Pkg: "time", Recv: "Timer", Name: name}) {
		return nil, false
	}
	return call.Common().Args[0], true
}

// drainsIn finds the blocking drains of fn.
func (e *engine) drainsIn(fn *ssa.Function) []*Drain {
	type recvPoint struct {
		key  any
		b    *ssa.BasicBlock
		from int // first instruction after the receive
		pos  token.Pos
	}
	var recvs []recvPoint
	var stops []*ssa.Call
	rearms := make(map[ssa.Instruction]any)
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					if t, ok := timerOfChan(x.X); ok {
						recvs = append(recvs, recvPoint{timerKey(t), b, i + 1, x.Pos()})
					}
				}
			case *ssa.Select:
				cases := selectCases(x)
				for k, st := range x.States {
					if st.Dir != types.RecvOnly {
						continue
					}
					if t, ok := timerOfChan(st.Chan); ok {
						if ed, ok := cases[k]; ok {
							recvs = append(recvs, recvPoint{timerKey(t), ed.b.Succs[ed.succ], 0, st.Pos})
						}
					}
				}
			case *ssa.Call:
				if _, ok := timerCall(x, "Stop"); ok {
					stops = append(stops, x)
				}
				if t, ok := timerCall(x, "Reset"); ok {
					rearms[x] = timerKey(t)
				}
				if isTimer(x.Type()) {
					// A new timer (each round of a loop): not the one
					// received before.
					rearms[x] = timerKey(x)
				}
			case *ssa.Store:
				if isTimer(x.Val.Type()) {
					if fa, ok := x.Addr.(*ssa.FieldAddr); ok {
						rearms[x] = fieldKey{base: timerKey(fa.X), field: fieldVar(fa.X.Type(), fa.Field)}
					} else {
						rearms[x] = x.Addr
					}
				}
			}
		}
	}
	if len(recvs) == 0 || len(stops) == 0 {
		return nil
	}
	// The drains themselves: a drain that ran leaves the timer stopped
	// and empty, and code that drains usually knows when it may do so
	// again; only a real consumption of the value counts as prior.
	drains := make(map[*ssa.Call]*ssa.UnOp)
	isDrain := make(map[token.Pos]bool)
	for _, stop := range stops {
		t, _ := timerCall(stop, "Stop")
		if d := drainOf(stop, timerKey(t)); d != nil {
			drains[stop] = d
			isDrain[d.Pos()] = true
		}
	}
	var out []*Drain
	for _, stop := range stops {
		t, _ := timerCall(stop, "Stop")
		key := timerKey(t)
		drain := drains[stop]
		if drain == nil {
			continue
		}
		for _, rp := range recvs {
			if rp.key != key || isDrain[rp.pos] {
				continue
			}
			if reachesWithout(rp.b, rp.from, stop, func(instr ssa.Instruction) bool { return rearms[instr] == key || e.endsPath(instr) }) {
				out = append(out, &Drain{Fn: fn, Recv: drain, Stop: stop, Prior: rp.pos})
				break
			}
		}
	}
	return out
}

// endsPath reports whether instr ends every path through it: a panic, a
// call that never returns (os.Exit, log.Fatal) or one that ends the
// goroutine (t.Fatal and other runtime.Goexit callers). Code after it
// runs on no path that passed it.
func (e *engine) endsPath(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		class, _ := e.classifyCall(x.Common())
		return class == exitNoReturn || class == exitFailNow
	}
	return false
}

// endsProcess reports whether instr ends every path through it without
// a test failure: a panic or a call that never returns (os.Exit,
// log.Fatal). Unlike endsPath, t.Fatal and other Goexit callers do not
// count.
func (e *engine) endsProcess(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		class, _ := e.classifyCall(x.Common())
		return class == exitNoReturn
	}
	return false
}

// drainOf returns the blocking receive from timer key's channel that runs
// only when stop reported false.
func drainOf(stop *ssa.Call, key any) *ssa.UnOp {
	var target *ssa.BasicBlock
	for _, r := range referrers(stop) {
		switch r := r.(type) {
		case *ssa.If:
			target = r.Block().Succs[1]
		case *ssa.UnOp:
			if r.Op != token.NOT {
				continue
			}
			for _, rr := range referrers(r) {
				if iff, ok := rr.(*ssa.If); ok {
					target = iff.Block().Succs[0]
				}
			}
		}
	}
	if target == nil {
		return nil
	}
	for _, b := range target.Parent().Blocks {
		if !target.Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || recv.CommaOk {
				continue
			}
			if t, ok := timerOfChan(recv.X); ok && timerKey(t) == key {
				return recv
			}
		}
	}
	return nil
}

// reachesWithout reports whether target is reachable from instruction
// index from of block b without passing an instruction that kills.
func reachesWithout(b *ssa.BasicBlock, from int, target ssa.Instruction, kills func(ssa.Instruction) bool) bool {
	visited := make(map[*ssa.BasicBlock]bool)
	type item struct {
		b    *ssa.BasicBlock
		from int
	}
	queue := []item{{b, from}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		blocked := false
		for i := it.from; i < len(it.b.Instrs); i++ {
			instr := it.b.Instrs[i]
			if instr == target {
				return true
			}
			if kills(instr) {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		for _, s := range it.b.Succs {
			if !visited[s] {
				visited[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return false
}
