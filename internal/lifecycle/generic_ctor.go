package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// This file lets a helper that calls a function parameter and returns
// what it returned be a constructor of whatever its argument constructs
// (issue 11 §3.12): `v, err := retry(func() (*os.File, error) { return
// os.Open(p) })` acquires the file.

// returnsCalled returns the function parameters of fn whose call fn
// returns directly, each result at the index it had in the call, on
// every return that returns any of them.
func returnsCalled(fn *ssa.Function) facts.Params {
	var out facts.Params
	for i, p := range fn.Params {
		if _, ok := p.Type().Underlying().(*types.Signature); !ok {
			continue
		}
		for _, ref := range referrers(p) {
			call, ok := ref.(*ssa.Call)
			if !ok || call.Call.Value != p || call.Call.IsInvoke() {
				continue
			}
			if returnsResultsOf(fn, call) {
				out = out.With(i)
				break
			}
		}
	}
	return out
}

// returnsResultsOf reports whether some return of fn hands back the
// results of call unchanged and in place (its first result at index 0).
func returnsResultsOf(fn *ssa.Function, call *ssa.Call) bool {
	n := call.Call.Signature().Results().Len()
	if n == 0 || fn.Signature.Results().Len() != n {
		return false
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != n {
			continue
		}
		r0 := ret.Results[0]
		if n == 1 && r0 == ssa.Value(call) {
			return true
		}
		if x, ok := r0.(*ssa.Extract); ok && x.Tuple == ssa.Value(call) && x.Index == 0 {
			return true
		}
	}
	return false
}

// calledOwned returns what the function arguments at params return
// fresh, as results of the call: the Owned facts of a function literal
// or a named function passed there.
func (e *engine) calledOwned(common *ssa.CallCommon, params facts.Params) []facts.Owned {
	var out []facts.Owned
	for i, arg := range common.Args {
		if !params.Has(i) {
			continue
		}
		var fn *ssa.Function
		switch a := arg.(type) {
		case *ssa.Function:
			fn = a
		case *ssa.MakeClosure:
			fn, _ = a.Fn.(*ssa.Function)
		}
		if s := e.summaryOf(fn); s != nil {
			out = append(out, s.Owned...)
		}
	}
	return out
}
