package lifecycle

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// classifyTestContext marks the functions that run as part of a test.
func (e *engine) classifyTestContext(funcs []*ssa.Function) {
	for _, fn := range funcs {
		e.testCtx[fn] = e.isTestContext(fn)
	}
}

func (e *engine) isTestContext(fn *ssa.Function) bool {
	if !fn.Pos().IsValid() || !strings.HasSuffix(e.pass.Fset.File(fn.Pos()).Name(), "_test.go") {
		return false
	}
	for f := fn; f != nil; f = f.Parent() {
		if f.Parent() == nil && isTestEntry(f) {
			return true
		}
		for _, p := range f.Params {
			if isTestingParam(p.Type()) {
				return true
			}
		}
	}
	return false
}

// isTestEntry reports whether fn is a Test, Benchmark or Fuzz function or
// method, or TestMain, by name and by its *testing parameter.
func isTestEntry(fn *ssa.Function) bool {
	if fn.Signature.Params().Len() != 1 {
		return false
	}
	name := fn.Name()
	if fn.Signature.Recv() != nil && name == "TestMain" {
		return false // only a package-level TestMain runs the tests
	}
	// A method is a test too when its name and parameter say so: test
	// suites run `func (s) TestX(t *testing.T)` as subtests through
	// reflection (grpctest.RunSubTests and its kind), and nothing calls
	// it as a helper.
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && (rest == "" || !isLower(rest[0])) {
			return isTestingParam(fn.Signature.Params().At(0).Type())
		}
	}
	return false
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// isTestingParam reports whether t is *testing.T, *testing.B, *testing.F,
// *testing.M or testing.TB.
func isTestingParam(t types.Type) bool {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		// func helper[T testing.TB](t T)
		t = tp.Constraint()
	}
	key, ok := TypeKeyOf(t)
	if !ok || key.Pkg != "testing" {
		return false
	}
	switch key.Name {
	case "T", "B", "F", "M", "TB":
		return true
	}
	return false
}
