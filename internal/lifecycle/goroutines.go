package lifecycle

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A Goroutine is a go statement of the package with the engine's verdict.
type Goroutine struct {
	// Go is the go statement; Fn the function that runs it.
	Go *ssa.Go
	Fn *ssa.Function
	// Body is the function the goroutine runs, nil when dynamic.
	Body *ssa.Function
	// Stuck, when set, says where the goroutine may wait forever: every
	// stop source that could end the wait is dead.
	Stuck *Stuck
	// Orphans are channel partners the goroutine may wait for forever:
	// the spawning function can return without them.
	Orphans []*Orphan
}

// Goroutines returns the package's go statements, in source order, each
// with its verdict. It is computed on first use.
func (r *Result) Goroutines() []*Goroutine {
	e := r.e
	if e == nil {
		return nil
	}
	st := e.stop()
	if st.gDone {
		return st.goroutines
	}
	st.gDone = true
	seen := make(map[token.Pos]bool)
	for _, fn := range r.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				g, ok := instr.(*ssa.Go)
				if !ok || seen[g.Pos()] {
					continue
				}
				seen[g.Pos()] = true
				gr := &Goroutine{Go: g, Fn: fn}
				if !g.Call.IsInvoke() {
					gr.Body = g.Call.StaticCallee()
				}
				if gr.Body != nil {
					gr.Stuck = e.goStuck(fn, g, gr.Body)
				} else if g.Call.IsInvoke() {
					gr.Stuck = e.invokeStuck(g)
				}
				st.goroutines = append(st.goroutines, gr)
			}
		}
	}
	for _, gr := range st.goroutines {
		if gr.Stuck == nil {
			gr.Orphans = e.orphans(gr)
		}
	}
	return st.goroutines
}

// goStuck decides whether the goroutine started by g may wait forever.
func (e *engine) goStuck(fn *ssa.Function, g *ssa.Go, body *ssa.Function) *Stuck {
	s := e.stopSummaryOf(body)
	if s.empty() {
		return nil
	}
	if s.never != nil {
		c := *s.never
		return &c
	}
	for _, set := range s.only {
		resolved := make(map[varKey]source, len(set.vars))
		ok := true
		for _, v := range set.vars {
			arg := bindingOf(g.Common(), body, v.index)
			if arg == nil {
				ok = false
				break
			}
			src := e.resolveUp(fn, e.resolveValue(fn, arg, v.deref, v.mode))
			if src.kind != srcDead {
				ok = false
				break
			}
			resolved[v.key()] = src
		}
		if !ok {
			continue
		}
		c := *set.stuck
		c.Dead = make([]DeadSource, len(set.stuck.Dead))
		copy(c.Dead, set.stuck.Dead)
		for i := range c.Dead {
			d := &c.Dead[i]
			if d.v.kind != srcVar {
				continue
			}
			if src, ok := resolved[d.v.key()]; ok {
				d.Why = src.why
				d.Kind = src.dead
			}
		}
		if c.Desc != "" {
			// A function of another package: say what its argument is.
			for _, v := range set.vars {
				arg := bindingOf(g.Common(), body, v.index)
				c.Dead = append(c.Dead, DeadSource{Pos: g.Pos(), Name: e.nameOf(arg), Why: resolved[v.key()].why, Kind: resolved[v.key()].dead, value: arg})
			}
		}
		return &c
	}
	return nil
}

// resolveUp follows a source that depends on a captured variable of a
// closure to the value its parent bound; a parameter of the spawning
// function is live (its caller may cancel it).
func (e *engine) resolveUp(fn *ssa.Function, src source) source {
	for src.kind == srcVar {
		if src.index < len(fn.Params) {
			return liveSource
		}
		mc := e.closureOf(fn)
		if mc == nil || fn.Parent() == nil {
			return liveSource
		}
		j := src.index - len(fn.Params)
		if j >= len(mc.Bindings) {
			return liveSource
		}
		parent := fn.Parent()
		src = e.resolveValue(parent, mc.Bindings[j], src.deref, src.mode)
		fn = parent
	}
	return src
}

// closureOf returns the instruction that makes closure fn in its parent.
func (e *engine) closureOf(fn *ssa.Function) *ssa.MakeClosure {
	st := e.stop()
	if st.closures == nil {
		st.closures = make(map[*ssa.Function]*ssa.MakeClosure)
	}
	if mc, ok := st.closures[fn]; ok {
		return mc
	}
	var found *ssa.MakeClosure
	if p := fn.Parent(); p != nil {
		for _, b := range p.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
					found = mc
				}
			}
		}
	}
	st.closures[fn] = found
	return found
}
