package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Cancel functions as resources: the obligation a context.WithCancel
// (WithTimeout, WithDeadline, their Cause variants) or signal.NotifyContext
// creates is released by calling the function it returns. Modelling it as
// a table kind gives cancel functions every ownership hand-off the engine
// understands (called in a goroutine or a defer, returned, stored,
// appended to a slice of cleanups that is called, passed to a callee that
// calls it). gocancel alone reports them.

// CancelOwner is the analyzer that reports lost cancel functions.
const CancelOwner = "gocancel"

func addCancelKinds(t *Table) {
	cancel := t.AddKind(&Kind{
		Name: "context.CancelFunc", Type: TypeKey{Pkg: "context", Name: "CancelFunc"},
		Noun: "cancel function", Call: true, Owner: CancelOwner,
	})
	cause := t.AddKind(&Kind{
		Name: "context.CancelCauseFunc", Type: TypeKey{Pkg: "context", Name: "CancelCauseFunc"},
		Noun: "cancel function", Call: true, Owner: CancelOwner,
	})
	for _, n := range []string{"WithCancel", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"} {
		t.AddConstructor(FuncKey{Pkg: "context", Name: n}, cancel, 1)
	}
	t.AddConstructor(FuncKey{Pkg: "context", Name: "WithCancelCause"}, cause, 1)
	t.AddConstructor(FuncKey{Pkg: "os/signal", Name: "NotifyContext"}, cancel, 1)
}

// role is how the tracker follows a value of kind k.
func (k *Kind) role() role {
	switch {
	case k.Call:
		return roleFunc
	case k.Field != "":
		return roleObject
	}
	return roleHandle
}

// isNiladicFunc reports whether t is a func() type (a CancelFunc, or the
// plain func() it converts to).
func isNiladicFunc(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	return ok && sig.Params().Len() == 0 && sig.Results().Len() == 0
}

// CancelLost reports whether nothing ever calls the cancel function that
// a (an acquisition of a Call kind) created: it is neither called nor
// handed on, or only stored in unexported fields and package variables
// that nothing in the package reads.
func (r *Result) CancelLost(a *Acquisition) bool {
	return r.e != nil && r.e.cancelLost(a)
}

// StoredInto returns the unexported field or package variable of this
// package that instr (a store) writes, or nil.
func (r *Result) StoredInto(instr ssa.Instruction) *types.Var {
	if r.e == nil {
		return nil
	}
	return r.e.storedInto(instr)
}

// ObjectRead reports whether the package reads field or variable obj for
// anything but a comparison with nil.
func (r *Result) ObjectRead(obj *types.Var) bool {
	return r.e != nil && r.e.objectRead(obj)
}
