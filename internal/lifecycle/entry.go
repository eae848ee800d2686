package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// IsPerRequestEntry reports whether fn runs once per request: it has the
// signature of an http.HandlerFunc or is a ServeHTTP method.
func IsPerRequestEntry(fn *ssa.Function) bool {
	sig := fn.Signature
	if sig.Results().Len() != 0 || sig.Params().Len() != 2 {
		return false
	}
	w, ok := TypeKeyOf(sig.Params().At(0).Type())
	if !ok || w != (TypeKey{Pkg: "net/http", Name: "ResponseWriter"}) {
		return false
	}
	r, ok := TypeKeyOf(sig.Params().At(1).Type())
	if !ok || r != (TypeKey{Pkg: "net/http", Name: "Request"}) {
		return false
	}
	_, isPtr := types.Unalias(sig.Params().At(1).Type()).(*types.Pointer)
	return isPtr
}
