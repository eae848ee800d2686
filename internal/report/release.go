package report

import "go/types"

// ReleaseStmt returns the statement a fix writes to release a resource
// with call, the text of a call of method on a value of type t (or on
// its field, when field is set): see CheckedStmt. The call is left as it
// is when the method is not found.
func ReleaseStmt(t types.Type, field, method, call string) string {
	if t == nil {
		return call
	}
	if field != "" {
		v, ok := lookup(t, field).(*types.Var)
		if !ok {
			return call
		}
		t = v.Type()
	}
	fn, ok := lookup(t, method).(*types.Func)
	if !ok {
		return call
	}
	return CheckedStmt(fn.Signature(), call)
}

// CheckedStmt returns the statement a fix writes for call, a call of a
// function of signature sig whose results are not used: the call itself,
// or, when one of its results is an error, the call with every result
// assigned to _. errcheck, which golangci-lint runs by default, flags an
// error result left unchecked, even in a defer; it accepts one assigned
// to _. A nil sig leaves the call as it is.
func CheckedStmt(sig *types.Signature, call string) string {
	if sig == nil || !returnsError(sig) {
		return call
	}
	blanks := "_"
	for i := 1; i < sig.Results().Len(); i++ {
		blanks += ", _"
	}
	return blanks + " = " + call
}

func lookup(t types.Type, name string) types.Object {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	return obj
}

// returnsError reports whether one of sig's results is an error.
func returnsError(sig *types.Signature) bool {
	errType := types.Universe.Lookup("error").Type()
	for v := range sig.Results().Variables() {
		if types.Identical(v.Type(), errType) {
			return true
		}
	}
	return false
}
