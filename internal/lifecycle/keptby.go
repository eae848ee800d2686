package lifecycle

import "golang.org/x/tools/go/ssa"

// A Keeper is a call whose result keeps a resource that went into it
// straight from its acquiring call, unnamed:
//
//	p, err := pagekit.FromResponse(c.Get(url))
//
// The caller can only release the body through p, so messages name p
// and its release method, not the body (issue 11 §3.22).
type Keeper struct {
	// Call is the wrapper constructor's call.
	Call *ssa.Call
	// Result is the index of the wrapper among the call's results.
	Result int
	// Release is the wrapper's method that releases what it keeps
	// ("Close").
	Release string
}

// KeptBy returns the keeper of a's resource when the resource goes from
// its acquiring call straight into a call whose result wraps it and has
// a release method of its own; nil otherwise (the resource is bound to
// a variable of its own, used in other ways, or its wrapper cannot
// release it).
func (a *Acquisition) KeptBy(r *Result) *Keeper {
	if a.Value == nil || r.e == nil {
		return nil
	}
	var into *ssa.Call
	for _, ref := range referrers(a.Value) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			if into != nil {
				return nil
			}
			into = ref
		default:
			return nil
		}
	}
	if into == nil || !a.wrappedBy(into) {
		return nil
	}
	results := into.Call.Signature().Results()
	for i := 0; i < results.Len(); i++ {
		if ms := methodsOf(results.At(i).Type(), r.e.genericKind().Release); len(ms) > 0 {
			return &Keeper{Call: into, Result: i, Release: ms[0]}
		}
	}
	return nil
}

// wrappedBy reports whether the resource itself went into a container
// that call returns.
func (a *Acquisition) wrappedBy(call *ssa.Call) bool {
	for _, ev := range a.Events {
		if ev.Kind == Wrap && ev.Direct && ev.Instr == ssa.Instruction(call) {
			return true
		}
	}
	return false
}
