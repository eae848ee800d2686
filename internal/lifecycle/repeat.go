package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A Repetition says why something runs many times: its function is
// reachable from a per-request entry (Entry and Path set), or it sits in a
// loop of its own function (Loop set).
type Repetition struct {
	// Entry is the per-request entry the function is reachable from; nil
	// when the repetition is a loop.
	Entry *ssa.Function
	// Why says why Entry runs per request ("ServeHTTP serves every
	// request").
	Why string
	// Loop is the repeated instruction itself, inside a loop of its
	// function (or in the body of a range-over-func loop); nil when the
	// repetition is an entry.
	Loop ssa.Instruction
	// Path lists the steps from the entry's body down to the function,
	// outermost first. It is empty for the entry itself.
	Path []Step
}

// A Step is one edge of a call path: From refers to To at Instr (a call,
// a go or defer statement, or the creation of a closure).
type Step struct {
	From  *ssa.Function
	Instr ssa.Instruction
	To    *ssa.Function
}

// PerRequest returns how fn is reached from a per-request entry, or nil
// when it is not. Reachability follows static calls, go and defer
// statements, closures and function values inside the package (across
// packages, facts such as ConstructsPool summarise callees instead);
// functions handed to sync.Once and its relatives run once and are not
// followed. Entries in _test.go files do not count.
func (r *Result) PerRequest(fn *ssa.Function) *Repetition {
	if r.e == nil || r.e.pool == nil {
		return nil
	}
	return r.e.pool.perRequest[fn]
}

// RequestEntry reports whether fn is a per-request entry and says why.
func (r *Result) RequestEntry(fn *ssa.Function) (string, bool) {
	if r.e == nil || r.e.pool == nil {
		return "", false
	}
	why, ok := r.e.pool.entries[fn]
	return why, ok
}

// Repeats reports whether instr runs many times per call of its
// function: it sits in a cycle of the CFG, or its function is the body of
// a range-over-func loop.
func (r *Result) Repeats(instr ssa.Instruction) bool {
	return r.e != nil && r.e.repeats(instr)
}

func (e *engine) repeats(instr ssa.Instruction) bool {
	return e.loopOf(instr.Block()) >= 0 || instr.Parent().Synthetic == rangeFuncBody
}

// rangeFuncBody is how go/ssa marks the body of a range-over-func loop.
const rangeFuncBody = "range-over-func yield"

// computePerRequest finds every function reachable from a per-request
// entry. Breadth-first search keeps each path the shortest.
func (e *engine) computePerRequest(funcs []*ssa.Function, entries map[*ssa.Function]string) map[*ssa.Function]*Repetition {
	out := make(map[*ssa.Function]*Repetition)
	var queue []*ssa.Function
	for _, fn := range funcs {
		if why, ok := entries[fn]; ok {
			out[fn] = &Repetition{Entry: fn, Why: why}
			queue = append(queue, fn)
		}
	}
	for len(queue) > 0 {
		fn := queue[0]
		queue = queue[1:]
		rep := out[fn]
		e.eachReference(fn, func(instr ssa.Instruction, to *ssa.Function) {
			if _, seen := out[to]; seen {
				return
			}
			path := append(append([]Step(nil), rep.Path...), Step{From: fn, Instr: instr, To: to})
			out[to] = &Repetition{Entry: rep.Entry, Why: rep.Why, Path: path}
			queue = append(queue, to)
		})
	}
	return out
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
