package lifecycle

import "golang.org/x/tools/go/ssa"

// Signalled is not stopped (RULES testcleanup 5): a goroutine that loops
// until the test signals it (a cancel or close in a cleanup or defer) but
// that nothing waits for may still run after the test has ended and its
// t.TempDir() has been removed. This file finds where such a goroutine
// uses a path under a t.TempDir() of the function that starts it.

// tempDirUse returns an instruction of the goroutine's body (or of a
// function literal it calls) that uses a path built on a t.TempDir() call
// of the starting function, when the body loops; nil otherwise.
func (e *engine) tempDirUse(fn *ssa.Function, body *frame) ssa.Instruction {
	if body == nil || !e.hasLoop(body.fn) {
		return nil
	}
	var deps []*Dependents
	r := &Result{e: e}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if key, ok := calleeKey(call.Common()); ok && key.Pkg == "testing" && key.Name == "TempDir" && key.Recv != "" {
				deps = append(deps, r.Dependents(fn, call, e.tempDirKind()))
			}
		}
	}
	if len(deps) == 0 {
		return nil
	}
	return e.frameUsesDeps(body, deps, 0)
}

// frameUsesDeps finds an instruction of f's function (or of a literal it
// calls, a few deep) that uses a value of the starting function that deps
// hold.
func (e *engine) frameUsesDeps(f *frame, deps []*Dependents, depth int) ssa.Instruction {
	var rands []*ssa.Value
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if _, isGo := instr.(*ssa.Go); isGo {
				continue
			}
			rands = instr.Operands(rands[:0])
			for _, rp := range rands {
				if rp == nil || *rp == nil {
					continue
				}
				if o := f.outer(*rp); o != nil && anyHas(deps, o) {
					return instr
				}
			}
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if depth < 2 {
				if inner := e.bodyFrame(ci.Common(), f); inner != nil {
					if use := e.frameUsesDeps(inner, deps, depth+1); use != nil {
						return ci
					}
				}
			}
		}
	}
	return nil
}

func anyHas(deps []*Dependents, v ssa.Value) bool {
	for _, d := range deps {
		if d.Has(v) {
			return true
		}
	}
	return false
}

// hasLoop reports whether fn's CFG has a cycle.
func (e *engine) hasLoop(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		if e.loopOf(b) >= 0 {
			return true
		}
	}
	return false
}

// tempDirKind is the kind whose paths depend on the directory (the
// os.MkdirTemp kind: strings built on it carry the dependence).
func (e *engine) tempDirKind() *Kind {
	return e.table.KindNamed("os.MkdirTemp")
}
