package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file answers, for the passing search of findLeak (paths.go),
// where a test has already reported a failure and goes on: t.Error and
// its kin, and testify's assert, whose functions report a failure and
// return false. A path through such a point ends in a failing test, so a
// leak only such paths reach is a fail path (RULES, testcleanup: "Fail
// paths are quiet by default").

// assertPkg is testify's assert: its checks report a failure through
// t.Errorf and return false, and the test goes on.
const assertPkg = "github.com/stretchr/testify/assert"

// reportsFailure reports whether c marks the test failed and lets it go
// on: t.Error, t.Errorf or t.Fail of the testing package (and their B, F
// and TB forms), or testify's assert.Fail and assert.Failf.
func reportsFailure(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok {
		return false
	}
	switch key.Pkg {
	case "testing":
		switch key.Name {
		case "Error", "Errorf", "Fail":
			return true
		}
	case assertPkg:
		return key.Name == "Fail" || key.Name == "Failf"
	}
	return false
}

// isAssertion reports whether v is the boolean result of a testify
// assert check: false exactly where the check reported a failure.
func isAssertion(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok || !types.Identical(call.Type().Underlying(), types.Typ[types.Bool]) {
		return false
	}
	key, ok := calleeKey(call.Common())
	return ok && key.Pkg == assertPkg
}

// isFailedQuery reports whether v is the result of t.Failed() (of T, B,
// F or TB): true exactly where the test has already reported a failure.
func isFailedQuery(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	key, ok := calleeKey(call.Common())
	return ok && key.Pkg == "testing" && key.Name == "Failed"
}

// assertsNilOf reports whether c is a check that one of errs is nil
// (assert.NoError(t, err), require.NoError, test.Nil(t, err)) that
// reports a failure, or ends the test, where it is not: on every path on
// which the test passes after c, that error is nil. errs are the error
// results of callees that release the resource only when they succeed.
func (t *tracker) assertsNilOf(c *ssa.CallCommon, errs map[ssa.Value]bool) bool {
	if len(errs) == 0 {
		return false
	}
	key, ok := calleeKey(c)
	if !ok || expectsError(key.Name) || !expectsSuccess(key.Name) {
		return false
	}
	if class, _ := t.e.classifyCall(c); key.Pkg != assertPkg && class != exitMayFail && class != exitFailNow {
		return false
	}
	for _, arg := range c.Args {
		if errs[uninterface(arg)] {
			return true
		}
	}
	return false
}
