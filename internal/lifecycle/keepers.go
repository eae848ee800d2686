package lifecycle

import "golang.org/x/tools/go/ssa"

// This file answers RULES' Keeper question on a path: a local struct
// (or variable cell) that holds the resource hands it on only where it
// is itself handed on. A constructor that stores resources in the fields
// of the struct it builds and returns `nil, err` when a later step fails
// drops the struct, and the resources with it, on that path (issue 11
// §3.14, §3.20).

// returnedKeepers maps each container family whose only fate is to be
// returned (by itself or by a container it was stored into) to the
// return instructions that hand it back. Families that are also
// released, deferred, transferred or stored beyond the function are
// left out: storing the resource into them still ends the obligation
// on every path, as before.
func (t *tracker) returnedKeepers() map[*family][]ssa.Instruction {
	if len(t.families) == 0 {
		return nil
	}
	rets := make(map[*family][]ssa.Instruction)
	other := make(map[*family]bool)
	for _, ev := range t.events {
		if ev.fam == nil {
			continue
		}
		switch ev.Kind {
		case Return:
			rets[ev.fam] = append(rets[ev.fam], ev.Instr)
		case Release, DeferRelease, Transfer:
			other[ev.fam] = true
		}
	}
	out := make(map[*family][]ssa.Instruction)
	for _, f := range t.families {
		if !f.resolved || f.opaque || f.direct || f.view {
			continue
		}
		var all []ssa.Instruction
		ok := true
		seen := make(map[*family]bool)
		var up func(g *family, depth int)
		up = func(g *family, depth int) {
			if !ok || seen[g] {
				return
			}
			seen[g] = true
			if other[g] || g.opaque || depth > 8 {
				ok = false
				return
			}
			all = append(all, rets[g]...)
			for _, p := range g.parents {
				up(p, depth+1)
			}
		}
		up(f, 0)
		if ok && len(all) > 0 {
			out[f] = all
		}
	}
	return out
}
