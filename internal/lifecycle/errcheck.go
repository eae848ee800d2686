package lifecycle

import (
	"go/token"
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

// assertsNoErr reports whether v is the boolean result of an assertion
// that the acquisition's own error is nil (testify's assert.NoError(t,
// err), assert.Nil): it is true exactly when the error is nil.
func (t *tracker) assertsNoErr(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok || !types.Identical(call.Type().Underlying(), types.Typ[types.Bool]) {
		return false
	}
	key, ok := calleeKey(call.Common())
	if !ok || expectsError(key.Name) || !expectsSuccess(key.Name) {
		return false
	}
	for _, arg := range call.Common().Args {
		if t.errs[uninterface(arg)] {
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
		strings.HasPrefix(name, "NotNil"), strings.HasPrefix(name, "NotNoError"),
		// home-grown helpers: mustAs(t, err, code), mustFail, expectErr
		strings.HasSuffix(name, "As"), strings.Contains(name, "Fail"),
		strings.HasPrefix(name, "expectErr"), strings.HasPrefix(name, "wantErr"), strings.HasPrefix(name, "mustErr"):
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

// errorAsserted reports whether a test asserts on the acquisition's error
// instead of checking it for nil: outside any `err != nil` branch, the
// error is compared with a sentinel, or handed to a call that does not
// simply fail when it is non-nil (mustAs(t, err, code), errors.Is(err, x),
// assert.ErrorContains(t, err, s), a table's wantErr comparison). A test
// that does so expects the call to fail, and the resource exists only if
// the test has failed already. An error a goroutine of the test sends to
// the test, which asserts on it where it receives it, counts too.
func (t *tracker) errorAsserted() bool {
	if !t.e.testCtx[t.fn] {
		return false
	}
	nonNil := t.nonNilBranches()
	inErrBranch := func(b *ssa.BasicBlock) bool {
		for _, s := range nonNil {
			if s.Dominates(b) {
				return true
			}
		}
		return false
	}
	var asserted func(v ssa.Value, depth int) bool
	asserted = func(v ssa.Value, depth int) bool {
		for _, r := range referrers(v) {
			if inErrBranch(r.Block()) {
				continue
			}
			switch r := r.(type) {
			case *ssa.BinOp:
				if (r.Op == token.EQL || r.Op == token.NEQ) && (isGlobalLoad(r.X) || isGlobalLoad(r.Y)) {
					return true
				}
			case *ssa.MakeInterface, *ssa.ChangeInterface:
				if depth < 2 && asserted(r.(ssa.Value), depth+1) {
					return true
				}
			case *ssa.Call:
				if t.assertsOn(r.Common(), v) {
					return true
				}
			case *ssa.Send:
				// Relayed to the test that asserts on it (errrelay.go).
				if r.X == v && t.relayAsserted(r.Chan) {
					return true
				}
			case *ssa.Store:
				// Packed into a variadic call's arguments: fmt.Sprint(err).
				if alloc, ok := addrBase(r.Addr).(*ssa.Alloc); ok && r.Val == v && t.variadicAsserts(alloc) {
					return true
				}
			}
		}
		return false
	}
	for err := range t.errs {
		if asserted(err, 0) {
			return true
		}
	}
	return false
}

// variadicAsserts reports whether the array of a variadic call's
// arguments is handed to a call that asserts on it.
func (t *tracker) variadicAsserts(alloc *ssa.Alloc) bool {
	for _, r := range referrers(alloc) {
		sl, ok := r.(*ssa.Slice)
		if !ok {
			continue
		}
		for _, r := range referrers(sl) {
			if call, ok := r.(*ssa.Call); ok && t.assertsOn(call.Common(), sl) {
				return true
			}
		}
	}
	return false
}

// assertsOn reports whether call c, given the error v, asserts something
// about it rather than failing on a non-nil value (require.NoError,
// test.Nil(t, err)) or reporting it (t.Fatal(err), log.Print, fmt.Errorf).
// A helper that may end the test asserts on the error when its name says
// it expects one (mustAs, ErrorContains, expectFailure); a plain function
// inspecting it (errors.Is, fmt.Sprint compared with a message) does.
func (t *tracker) assertsOn(c *ssa.CallCommon, v ssa.Value) bool {
	key, ok := calleeKey(c)
	if !ok || key.Pkg == "testing" || key.Pkg == "log" ||
		key.Pkg == "fmt" && !strings.HasPrefix(key.Name, "Sprint") || expectsSuccess(key.Name) {
		return false
	}
	s := t.e.callSummary(c)
	if s == nil {
		return !c.IsInvoke() || c.Value == v // err.Error(): only a non-nil error has a message
	}
	off := 0
	if c.IsInvoke() {
		off = 1
	}
	for i, arg := range c.Args {
		if arg == v && s.FailsOnErr.Has(i+off) {
			return false // require.NoError(t, err)
		}
	}
	if s.MayFailNow || s.FailsNow {
		return expectsError(key.Name)
	}
	return true
}

// expectsSuccess reports whether an assertion's name says it wants a nil
// error (NoError, Nil, Ok).
func expectsSuccess(name string) bool {
	return strings.Contains(name, "NoErr") || strings.Contains(name, "Nil") && !strings.Contains(name, "NotNil") ||
		name == "Ok" || name == "OK" || name == "ok"
}

// nonNilBranches returns the successors of the blocks that compare a
// tracked error with nil, on the side where it is non-nil.
func (t *tracker) nonNilBranches() []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	for _, b := range t.fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
			continue
		}
		if !(t.errs[cmp.X] && isNil(cmp.Y) || t.errs[cmp.Y] && isNil(cmp.X)) {
			continue
		}
		if cmp.Op == token.NEQ {
			out = append(out, b.Succs[0])
		} else {
			out = append(out, b.Succs[1])
		}
	}
	return out
}
