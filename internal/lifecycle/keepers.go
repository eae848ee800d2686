package lifecycle

import "golang.org/x/tools/go/ssa"

// This file answers RULES' Keeper question on a path: a local struct,
// variable cell or closure that holds the resource hands it on only
// where it is itself released, handed on or returned. A constructor that
// stores resources in the fields of the struct it builds and returns
// `nil, err` when a later step fails drops the struct, and the resources
// with it, on that path (issue 11 §3.14, §3.20); a closure that closes
// the value but is deferred only after an early return does not close it
// on that return (§3.19).

// keeperFate is what ends the obligation for a resource stored in a
// keeper: the instructions that release or hand on the keeper, and the
// returns that give it back.
type keeperFate struct {
	kills, returns []ssa.Instruction
}

// pathKeepers maps each resolved container family whose fate is decided
// by events of its own (or of the containers it went into), all of them
// reachable from start, to those events. The obligation of a resource
// stored into such a keeper then ends where the keeper's does, not at
// the store. Families with an event limited to one edge, or one that
// may run before start (a `defer` registered before the resource was
// stored), keep the old reading: the store ends the obligation on every
// path.
func (t *tracker) pathKeepers(start ssa.Instruction) map[*family]keeperFate {
	if len(t.families) == 0 {
		return nil
	}
	reach := reachableAfter(start)
	type events struct {
		fate keeperFate
		bad  bool
	}
	own := make(map[*family]*events)
	for _, ev := range t.events {
		if ev.fam == nil {
			continue
		}
		var kind EventKind
		switch ev.Kind {
		case Release, DeferRelease, Transfer, Return:
			kind = ev.Kind
		default:
			continue
		}
		e := own[ev.fam]
		if e == nil {
			e = &events{}
			own[ev.fam] = e
		}
		if ev.On != nil || ev.UnlessErr != nil || ev.IfErr != nil || !reach(ev.Instr) {
			e.bad = true
			continue
		}
		if kind == Return {
			e.fate.returns = append(e.fate.returns, ev.Instr)
		} else {
			e.fate.kills = append(e.fate.kills, ev.Instr)
		}
	}
	out := make(map[*family]keeperFate)
	for _, f := range t.families {
		if !f.resolved || f.opaque || f.direct || f.view {
			continue
		}
		var fate keeperFate
		ok := true
		seen := make(map[*family]bool)
		var up func(g *family, depth int)
		up = func(g *family, depth int) {
			if !ok || seen[g] {
				return
			}
			seen[g] = true
			if g.opaque || depth > 8 {
				ok = false
				return
			}
			if e := own[g]; e != nil {
				if e.bad {
					ok = false
					return
				}
				fate.kills = append(fate.kills, e.fate.kills...)
				fate.returns = append(fate.returns, e.fate.returns...)
			}
			for _, p := range g.parents {
				up(p, depth+1)
			}
		}
		up(f, 0)
		if ok && len(fate.kills)+len(fate.returns) > 0 {
			out[f] = fate
		}
	}
	return out
}

// reachableAfter returns a predicate telling whether an instruction can
// run after start on some path (start's later instructions, and every
// instruction of a block reachable from start's block). A nil start is
// the function's entry: everything reachable counts.
func reachableAfter(start ssa.Instruction) func(ssa.Instruction) bool {
	if start == nil {
		return func(ssa.Instruction) bool { return true }
	}
	b0 := start.Block()
	idx := indexOf(b0, start)
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), b0.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return func(instr ssa.Instruction) bool {
		b := instr.Block()
		if seen[b] {
			return true
		}
		return b == b0 && indexOf(b0, instr) > idx
	}
}
