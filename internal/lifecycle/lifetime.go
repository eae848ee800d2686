package lifecycle

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Process lifetime: what runs in an init function of any package, in a
// package-level initialiser, in a function handed to sync.Once.Do,
// OnceFunc, OnceValue or OnceValues, or in main.main lives as long as the
// process, and so do the resources and goroutines it acquires. No
// analyzer reports those. So that every analyzer asks the same question,
// the engine decides it once per package.

// ProcessLifetime reports whether fn runs only for the lifetime of the
// process: it is main.main, an init function (package-level initialisers
// included), a function handed to sync.Once.Do or its relatives, or a
// function (a closure defined there, an unexported helper) whose every
// use is a call, go or defer from such a function. A closure that
// escapes (a handler registered in main, a func stored in a variable)
// may run any number of times and does not qualify.
func (r *Result) ProcessLifetime(fn *ssa.Function) bool {
	if r.e == nil || fn == nil {
		return false
	}
	r.e.lifetimeOnce.Do(func() { r.e.lifetime = r.e.lifetimeFuncs(r.Funcs) })
	return r.e.lifetime[fn]
}

// lifetimeFuncs computes the set ProcessLifetime answers from.
func (e *engine) lifetimeFuncs(funcs []*ssa.Function) map[*ssa.Function]bool {
	local := make(map[*ssa.Function]bool, len(funcs))
	for _, fn := range funcs {
		local[fn] = true
	}
	isMain := e.pkg.Pkg.Name() == "main"
	callers := make(map[*ssa.Function][]*ssa.Function)
	onceRef := make(map[*ssa.Function]bool)
	escapes := make(map[*ssa.Function]bool)
	// use records one reference to callee at instr, whose operand (or
	// closure) is v.
	use := func(instr ssa.Instruction, v ssa.Value, callee *ssa.Function) {
		if !local[callee] {
			return
		}
		if call, ok := instr.(ssa.CallInstruction); ok {
			if call.Common().Value == v {
				callers[callee] = append(callers[callee], instr.Parent())
				return
			}
			if runsOnce(call.Common()) {
				onceRef[callee] = true
				return
			}
		}
		escapes[callee] = true
	}
	var rands []*ssa.Value
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					target := boundMethod(mc.Fn.(*ssa.Function))
					for _, r := range referrers(mc) {
						use(r, mc, target)
					}
					continue
				}
				rands = instr.Operands(rands[:0])
				for _, rp := range rands {
					if rp == nil {
						continue
					}
					if callee, ok := (*rp).(*ssa.Function); ok {
						use(instr, callee, callee)
					}
				}
			}
		}
	}
	life := make(map[*ssa.Function]bool)
	for _, fn := range funcs {
		if fn.Parent() != nil || fn.Signature.Recv() != nil {
			continue
		}
		name := fn.Name()
		if name == "init" || strings.HasPrefix(name, "init#") || isMain && name == "main" {
			life[fn] = true
		}
	}
	// Others can reach an exported function or a method (through an
	// interface) without a reference this package can see.
	reachableFromOutside := func(fn *ssa.Function) bool {
		if fn.Parent() != nil {
			return false
		}
		return fn.Signature.Recv() != nil || !isMain && token.IsExported(fn.Name())
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if life[fn] || escapes[fn] || len(callers[fn]) == 0 && !onceRef[fn] {
				continue
			}
			if reachableFromOutside(fn) && !onceRef[fn] {
				continue
			}
			all := true
			for _, c := range callers[fn] {
				all = all && life[c]
			}
			if all {
				life[fn] = true
				changed = true
			}
		}
	}
	return life
}

// boundMethod returns the method a bound-method closure (once.Do(s.init))
// calls, or fn itself.
func boundMethod(fn *ssa.Function) *ssa.Function {
	if fn.Synthetic == "" || !strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
		return fn
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if callee := call.Common().StaticCallee(); callee != nil {
					return callee
				}
			}
		}
	}
	return fn
}
