package lifecycle

import (
	"fmt"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// A function can start a goroutine that stops only when one of its own
// parameters fires (`func (z *Zone) Run(ctx context.Context) { go
// z.loop(ctx) }`): the goroutine is as stoppable as what each caller
// passes. The go statement alone is silent (a parameter is live); the
// call that passes a dead stop source (`z.Run(context.Background())`)
// starts a goroutine nothing can stop. Spawns facts carry the parameter
// sets to callers in other packages.

// A DeadSpawn is a call that starts, inside its callee, a goroutine that
// can never be stopped because of the stop sources the call passes.
type DeadSpawn struct {
	// Call is the call; Fn the function that makes it.
	Call *ssa.Call
	Fn   *ssa.Function
	// Callee is the called function.
	Callee *ssa.Function
	// Where says where the goroutine starts and how it waits, e.g. "the
	// goroutine started at zone.go:14 loops at zone.go:16".
	Where string
	// Dead are the arguments, each a dead stop source, at the call.
	Dead []DeadSource
}

// spawnSet is one goroutine of a function that waits only on some of the
// function's parameters (srcVar sources with the parameter index).
type spawnSet struct {
	params []source
	where  string
}

// DeadSpawns returns the calls of the package that start a goroutine
// nothing can stop, in source order. It is computed on first use.
func (r *Result) DeadSpawns() []*DeadSpawn {
	e := r.e
	if e == nil {
		return nil
	}
	var out []*DeadSpawn
	for _, fn := range r.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || call.Call.IsInvoke() {
					continue
				}
				callee := call.Call.StaticCallee()
				if callee == nil || outermostFunc(callee) == outermostFunc(fn) {
					continue
				}
				for _, set := range e.spawnSetsOf(callee) {
					if d := e.deadSpawn(fn, call, callee, set); d != nil {
						out = append(out, d)
						break
					}
				}
			}
		}
	}
	return out
}

// deadSpawn checks one spawn set of callee against what call passes.
func (e *engine) deadSpawn(fn *ssa.Function, call *ssa.Call, callee *ssa.Function, set spawnSet) *DeadSpawn {
	d := &DeadSpawn{Call: call, Fn: fn, Callee: callee, Where: set.where}
	for _, p := range set.params {
		if p.index >= len(call.Call.Args) {
			return nil
		}
		arg := call.Call.Args[p.index]
		src := e.resolveUp(fn, e.resolveValue(fn, arg, false, p.mode))
		if src.kind != srcDead {
			return nil
		}
		d.Dead = append(d.Dead, DeadSource{Pos: call.Pos(), Name: e.nameOf(arg), Why: src.why, Kind: src.dead, value: arg})
	}
	if len(d.Dead) == 0 {
		return nil
	}
	return d
}

// outermostFunc returns the declared function fn's literal sits in.
func outermostFunc(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// spawnSetsOf returns the goroutines fn starts that wait only on its
// parameters: computed for declared functions of this package, read
// from Spawns facts for other packages.
func (e *engine) spawnSetsOf(fn *ssa.Function) []spawnSet {
	if fn.Parent() != nil {
		return nil
	}
	if fn.Blocks == nil || !e.isLocal(fn) {
		return e.importedSpawns(fn)
	}
	st := e.stop()
	if st.spawns == nil {
		st.spawns = make(map[*ssa.Function][]spawnSet)
	}
	if sets, ok := st.spawns[fn]; ok {
		return sets
	}
	st.spawns[fn] = nil // a recursive call sees none
	var sets []spawnSet
	var visit func(f *ssa.Function)
	visit = func(f *ssa.Function) {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					sets = append(sets, e.goSpawnSets(g)...)
				}
			}
		}
		for _, anon := range f.AnonFuncs {
			visit(anon)
		}
	}
	visit(fn)
	st.spawns[fn] = sets
	return sets
}

// goSpawnSets returns the ways goroutine g can wait forever that depend
// only on parameters of the declared function it is started in (and on
// stop sources already dead).
func (e *engine) goSpawnSets(g *ssa.Go) []spawnSet {
	if g.Call.IsInvoke() {
		return nil
	}
	body := g.Call.StaticCallee()
	s := e.stopSummaryOf(body)
	if s.empty() || s.never != nil {
		return nil // nothing, or stuck whatever the caller passes
	}
	var out []spawnSet
	for _, set := range s.only {
		var params []source
		ok := true
		for _, v := range set.vars {
			arg := bindingOf(g.Common(), body, v.index)
			if arg == nil {
				ok = false
				break
			}
			src, param := e.upToParam(g.Parent(), e.resolveValue(g.Parent(), arg, v.deref, v.mode))
			switch {
			case param >= 0:
				params = append(params, source{kind: srcVar, index: param, mode: src.mode})
			case src.kind != srcDead:
				ok = false
			}
			if !ok {
				break
			}
		}
		if !ok || len(params) == 0 {
			continue
		}
		pos := e.pass.Fset.Position(g.Pos())
		where := fmt.Sprintf("the goroutine started at %s:%d", filepath.Base(pos.Filename), pos.Line)
		if set.stuck != nil {
			where += ", where " + e.describeAt(set.stuck)
		}
		out = append(out, spawnSet{params: params, where: where})
	}
	return out
}

// upToParam follows a source that depends on a captured variable up
// through the closures that bound it; it returns the index of the
// parameter of the declared function it comes from, or -1 with the
// source it resolved to (a parameter of a function literal is live).
func (e *engine) upToParam(fn *ssa.Function, src source) (source, int) {
	for src.kind == srcVar {
		if src.index < len(fn.Params) {
			if fn.Parent() == nil {
				return src, src.index
			}
			return liveSource, -1
		}
		mc := e.closureOf(fn)
		if mc == nil || fn.Parent() == nil {
			return liveSource, -1
		}
		j := src.index - len(fn.Params)
		if j >= len(mc.Bindings) {
			return liveSource, -1
		}
		parent := fn.Parent()
		src = e.resolveValue(parent, mc.Bindings[j], src.deref, src.mode)
		fn = parent
	}
	return src, -1
}

// importedSpawns reads the Spawns fact of a function of another package.
func (e *engine) importedSpawns(fn *ssa.Function) []spawnSet {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == e.pass.Pkg || IsStdPath(obj.Pkg().Path()) {
		return nil
	}
	var f facts.Spawns
	if !e.pass.ImportObjectFact(obj.Origin(), &f) {
		return nil
	}
	var out []spawnSet
	for _, set := range f.Sets {
		s := spawnSet{where: set.Where}
		for _, p := range set.Params {
			s.params = append(s.params, source{kind: srcVar, index: p.Index, mode: p.Mode})
		}
		out = append(out, s)
	}
	return out
}

// exportSpawnFacts publishes the Spawns facts of the package's named
// functions.
func (e *engine) exportSpawnFacts(funcs []*ssa.Function) {
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil || obj.Pkg() != e.pass.Pkg {
			continue
		}
		sets := e.spawnSetsOf(fn)
		if len(sets) == 0 {
			continue
		}
		f := &facts.Spawns{}
		for _, s := range sets {
			fs := facts.StopSet{Where: s.where}
			for _, p := range s.params {
				fs.Params = append(fs.Params, facts.StopParam{Index: p.index, Mode: p.mode})
			}
			f.Sets = append(f.Sets, fs)
		}
		e.pass.ExportObjectFact(obj, f)
	}
}
