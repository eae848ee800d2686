package lifecycle

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// checksOwnErr reports whether c, a call that may end the test, takes
// the acquisition's own error as an argument of interface type and is,
// by its name, a check that the value is nil: nsq's test.Nil(t, err),
// testify's require.Nil(t, err), test.Equal(t, nil, err). Such helpers
// take any value and test it by reflection, so their summary cannot say
// FailsOnErr; an assertion that expects an error (require.Error,
// ErrorIs, NotNil, EqualError) is not a check that it is nil. Treating a
// call as an error check can only hide a leak on the error path, never
// invent one.
func (t *tracker) checksOwnErr(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok || expectsError(key.Name) {
		return false
	}
	for _, arg := range c.Args {
		if t.errs[uninterface(arg)] && types.IsInterface(arg.Type()) {
			return true
		}
	}
	return false
}

// expectsError reports whether an assertion's name says it wants a
// non-nil value.
func expectsError(name string) bool {
	switch {
	case name == "Error", name == "Errorf",
		strings.HasPrefix(name, "ErrorIs"), strings.HasPrefix(name, "ErrorAs"),
		strings.HasPrefix(name, "ErrorContains"), strings.HasPrefix(name, "EqualError"),
		strings.HasPrefix(name, "NotNil"), strings.HasPrefix(name, "NotNoError"):
		return true
	}
	return false
}

// uninterface strips conversions to interface types.
func uninterface(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return v
		}
	}
}

// expectsOwnErr reports whether c asserts that the acquisition's own
// error is non-nil (require.Error(t, err), test.NotNil(t, err)): past it
// the call failed and nothing is owed.
func (t *tracker) expectsOwnErr(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok || !expectsError(key.Name) {
		return false
	}
	for _, arg := range c.Args {
		if t.errs[uninterface(arg)] {
			return true
		}
	}
	return false
}

// expectsFailure reports whether b, the branch a test takes when a call
// it expects to fail succeeded, reports a test failure right away
// (t.Error, t.Fatal, t.Fail and their f variants).
func (t *tracker) expectsFailure(b *ssa.BasicBlock) bool {
	if !t.e.testCtx[t.fn] {
		return false
	}
	for _, instr := range b.Instrs {
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		key, ok := calleeKey(call.Common())
		if !ok || key.Pkg != "testing" {
			continue
		}
		switch key.Name {
		case "Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow":
			return true
		}
	}
	return false
}
