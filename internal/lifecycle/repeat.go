package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A Repetition says why a function runs many times: it is reachable from a
// per-request entry, or it is called (or its closure created) inside a
// loop of another function.
type Repetition struct {
	// Entry is the per-request entry the function is reachable from; nil
	// when the repetition is a loop.
	Entry *ssa.Function
	// Why says why Entry runs per request ("ServeHTTP serves every
	// request").
	Why string
	// Loop is the instruction inside a loop that starts the chain of
	// calls (a call, go or defer statement, or a closure created in the
	// loop); nil when the repetition is an entry.
	Loop ssa.Instruction
	// Path lists the steps from the entry's body (or from Loop) down to
	// the function, outermost first. It is empty for the entry itself.
	Path []Step
}

// A Step is one edge of a call path: From refers to To at Instr (a call,
// a go or defer statement, or the creation of a closure).
type Step struct {
	From  *ssa.Function
	Instr ssa.Instruction
	To    *ssa.Function
}

// Repeated returns why fn runs many times, or nil when nothing in the
// package repeats it: it is not reachable from a per-request entry nor
// from a call inside a loop. Reachability follows static calls, go and
// defer statements, closures and function values inside the package;
// functions handed to sync.Once and its relatives run once and are not
// followed. Loops and entries in _test.go files do not count.
func (r *Result) Repeated(fn *ssa.Function) *Repetition {
	if r.e == nil || r.e.pool == nil {
		return nil
	}
	return r.e.pool.repeated[fn]
}

// RequestEntry reports whether fn is a per-request entry and says why.
func (r *Result) RequestEntry(fn *ssa.Function) (string, bool) {
	if r.e == nil || r.e.pool == nil {
		return "", false
	}
	why, ok := r.e.pool.entries[fn]
	return why, ok
}

// computeRepetitions finds the package's repeated functions: first every
// function reachable from a per-request entry, then, among the rest, every
// function reachable from a reference inside a loop. Breadth-first search
// keeps each path the shortest.
func (e *engine) computeRepetitions(funcs []*ssa.Function, entries map[*ssa.Function]string) map[*ssa.Function]*Repetition {
	out := make(map[*ssa.Function]*Repetition)
	var queue []*ssa.Function
	for _, fn := range funcs {
		if why, ok := entries[fn]; ok {
			out[fn] = &Repetition{Entry: fn, Why: why}
			queue = append(queue, fn)
		}
	}
	visit := func() {
		for len(queue) > 0 {
			fn := queue[0]
			queue = queue[1:]
			rep := out[fn]
			e.eachReference(fn, func(instr ssa.Instruction, to *ssa.Function) {
				if _, seen := out[to]; seen {
					return
				}
				path := append(append([]Step(nil), rep.Path...), Step{From: fn, Instr: instr, To: to})
				out[to] = &Repetition{Entry: rep.Entry, Why: rep.Why, Loop: rep.Loop, Path: path}
				queue = append(queue, to)
			})
		}
	}
	visit()
	for _, fn := range funcs {
		if e.inTestFile(fn) {
			continue
		}
		e.eachReference(fn, func(instr ssa.Instruction, to *ssa.Function) {
			if _, seen := out[to]; seen {
				return
			}
			if !e.repeatsReference(instr, to) {
				return
			}
			out[to] = &Repetition{Loop: instr, Path: []Step{{From: fn, Instr: instr, To: to}}}
			queue = append(queue, to)
		})
	}
	visit()
	return out
}

// repeatsReference reports whether the reference to function to at instr
// runs many times: instr sits in a loop, or to is the body of a
// range-over-func loop.
func (e *engine) repeatsReference(instr ssa.Instruction, to *ssa.Function) bool {
	if to.Synthetic == "range-over-func yield" {
		return true
	}
	return e.loopOf(instr.Block()) >= 0
}

// eachReference calls f for every function of this package with a body
// that fn calls, starts, defers, creates a closure of, or uses as a value,
// except functions handed to sync.Once and its relatives.
func (e *engine) eachReference(fn *ssa.Function, f func(ssa.Instruction, *ssa.Function)) {
	var rands []*ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case ssa.CallInstruction:
				if runsOnce(x.Common()) {
					continue
				}
			case *ssa.MakeClosure:
				if onlyRunOnce(x) {
					continue
				}
			}
			rands = instr.Operands(rands[:0])
			for _, rp := range rands {
				if rp == nil {
					continue
				}
				to, ok := (*rp).(*ssa.Function)
				if !ok || to.Blocks == nil || !e.isLocal(to) {
					continue
				}
				f(instr, to)
			}
		}
	}
}

// runsOnce reports whether c is sync.Once.Do, sync.OnceFunc, OnceValue or
// OnceValues: the function it is given runs at most once.
func runsOnce(c *ssa.CallCommon) bool {
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return false
	}
	switch k := FuncKeyOf(obj); {
	case k.Pkg != "sync":
		return false
	case k.Recv == "Once":
		return k.Name == "Do"
	case k.Recv == "":
		return k.Name == "OnceFunc" || k.Name == "OnceValue" || k.Name == "OnceValues"
	}
	return false
}

// onlyRunOnce reports whether every use of closure mc hands it to
// sync.Once and its relatives.
func onlyRunOnce(mc *ssa.MakeClosure) bool {
	refs := referrers(mc)
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		call, ok := r.(ssa.CallInstruction)
		if !ok || !runsOnce(call.Common()) {
			return false
		}
	}
	return true
}
