package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Questions about test functions that testcleanup asks of the engine.

// IsTestEntry reports whether fn is a Test, Benchmark or Fuzz function or
// TestMain, declared in a _test.go file.
func (r *Result) IsTestEntry(fn *ssa.Function) bool {
	return r.IsTestContext(fn) && fn.Parent() == nil && isTestEntry(fn)
}

// IsTestMain reports whether fn is a package's TestMain.
func (r *Result) IsTestMain(fn *ssa.Function) bool {
	return r.IsTestEntry(fn) && fn.Name() == "TestMain"
}

// SubtestCall returns the call that fn, a function literal, is passed to
// as the body of a subtest or fuzz target ((*testing.T).Run,
// (*testing.B).Run, (*testing.F).Fuzz) or of a synctest bubble
// (synctest.Test, synctest.Run); nil when it is not such a body.
func SubtestCall(fn *ssa.Function) *ssa.Call {
	parent := fn.Parent()
	if parent == nil {
		return nil
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !isBodyTaker(call.Common()) {
				continue
			}
			for _, a := range call.Common().Args {
				if a == fn {
					return call
				}
				if mc, ok := a.(*ssa.MakeClosure); ok && mc.Fn == fn {
					return call
				}
			}
		}
	}
	return nil
}

// isBodyTaker reports whether c runs a function argument as a test body.
func isBodyTaker(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok {
		return false
	}
	if key.Pkg == "testing" && (key.Name == "Run" || key.Name == "Fuzz") && key.Recv != "" {
		return true
	}
	return IsSynctestCall(c)
}

// IsSynctestCall reports whether c starts a synctest bubble.
func IsSynctestCall(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	return ok && key.Pkg == "testing/synctest" && key.Recv == "" && (key.Name == "Test" || key.Name == "Run")
}

// InSynctestBubble reports whether fn runs inside a synctest bubble: it
// or a function literal enclosing it is the body of synctest.Test or
// synctest.Run. The bubble waits for every goroutine started in it.
func InSynctestBubble(fn *ssa.Function) bool {
	for f := fn; f != nil && f.Parent() != nil; f = f.Parent() {
		if call := SubtestCall(f); call != nil && IsSynctestCall(call.Common()) {
			return true
		}
	}
	return false
}

// TestingValue returns fn's *testing.T, *testing.B, *testing.F or
// testing.TB: a parameter, or a captured variable of an enclosing test.
// It returns nil when fn has none. A *testing.M does not count.
func TestingValue(fn *ssa.Function) ssa.Value {
	for _, p := range fn.Params {
		if IsTB(p.Type()) {
			return p
		}
	}
	for _, fv := range fn.FreeVars {
		if IsTB(fv.Type()) {
			return fv
		}
	}
	return nil
}

// IsTB reports whether t is *testing.T, *testing.B, *testing.F or
// testing.TB.
func IsTB(t types.Type) bool {
	key, ok := TypeKeyOf(t)
	if !ok || key.Pkg != "testing" {
		return false
	}
	switch key.Name {
	case "T", "B", "F", "TB":
		return true
	}
	return false
}
