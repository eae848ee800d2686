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
//
// A test binary has two more mains: TestMain, which the testing package
// calls instead of running the tests itself and which ends the process,
// and the Example functions, which stand for a program's main in the
// documentation (copied into a main, what they open lives as long as
// that program; copied anywhere else, the copy is reported there).

// ProcessLifetime reports whether fn runs only for the lifetime of the
// process: it is main.main, an init function (package-level initialisers
// included), a test binary's TestMain or an Example function, a function
// handed to sync.Once.Do or its relatives, or a
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
		if e.inTestFile(fn) && (isTestMainFunc(fn) || isExampleFunc(fn)) {
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

// isTestMainFunc reports whether fn, a package-level function, is
// declared as a test binary's TestMain: func TestMain(m *testing.M).
func isTestMainFunc(fn *ssa.Function) bool {
	sig := fn.Signature
	if fn.Name() != "TestMain" || sig.Recv() != nil || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return false
	}
	key, ok := TypeKeyOf(sig.Params().At(0).Type())
	return ok && key == TypeKey{Pkg: "testing", Name: "M"}
}

// isExampleFunc reports whether fn, a package-level function, is an
// Example function as go test runs it: named Example, Example_suffix or
// ExampleName..., with no parameters and no results.
func isExampleFunc(fn *ssa.Function) bool {
	rest, ok := strings.CutPrefix(fn.Name(), "Example")
	sig := fn.Signature
	if !ok || sig.Recv() != nil || sig.Params().Len() != 0 || sig.Results().Len() != 0 {
		return false
	}
	return rest == "" || !isLower(rest[0])
}

// EndsWithProcess reports whether the process's exit releases what a
// resource of kind k holds: a descriptor, a connection, a child's wait
// status, memory. A temporary directory (a string kind) stays on disk
// after the process, so it does not.
func (k *Kind) EndsWithProcess() bool { return k != nil && !isStringKind(k) }

// ExitDoes reports whether calling release method name on a resource of
// kind k only frees what the process holds, so that the process's exit
// does the same: Close, Stop, Wait or Rollback of a kind of the standard
// library. Commit does work that an exit undoes, and a release method of
// another module's type may flush data first.
func (k *Kind) ExitDoes(name string) bool {
	if !k.EndsWithProcess() || !k.Releases(name) || name == "Commit" {
		return false
	}
	return k.Type.Pkg != "" && IsStdPath(k.Type.Pkg)
}

// LivesWithProcess reports whether a is acquired by code that runs for
// the lifetime of the process (ProcessLifetime) and is of a kind whose
// obligation the process's exit discharges: left open there, it is
// released when the process ends, and a release skipped by os.Exit
// changes nothing.
func (r *Result) LivesWithProcess(a *Acquisition) bool {
	return a != nil && a.Kind.EndsWithProcess() && r.ProcessLifetime(a.Fn)
}
