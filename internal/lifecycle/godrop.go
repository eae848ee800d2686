package lifecycle

import "golang.org/x/tools/go/ssa"

// A go statement that hands a resource to a closure releasing it counts
// as releasing it, but only a closure that releases it on every path
// does: one that returns early on some path without closing what it
// captured leaks it there (RULES "Released on a path"; issue 11 §3.19).

// noteGoDrop records, for a resource captured by the closure a go
// statement starts (its release event just recorded), a return of the closure reached without releasing
// it, when no captured binding of it is released on every path.
func (t *tracker) noteGoDrop(h *holder, s *summary) {
	if t.goDrop != nil || len(t.events) == 0 {
		return
	}
	if ev := t.events[len(t.events)-1]; !ev.Direct && !heldInCell(ev.fam) {
		// Only the resource itself, or the variable cell the closure
		// captures it by (the release event just recorded acts on
		// it), not a container holding it.
		return
	}
	var drop *ssa.Return
	for _, j := range h.bound {
		if !s.free.Closes.Has(j) && !s.free.Calls.Has(j) {
			continue
		}
		ret := s.freeDrops[j]
		if ret == nil {
			return // released on every path of the goroutine
		}
		if drop == nil {
			drop = ret
		}
	}
	t.goDrop = drop
}
