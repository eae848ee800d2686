package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Errors a goroutine relays to its test:
//
//	errc := make(chan error)
//	go func() {
//		_, err := d.DialContext(ctx, addr)
//		errc <- err
//	}()
//	if err := <-errc; !errors.Is(err, context.Canceled) {
//		t.Errorf(…)
//	}
//
// The test asserts on the error where it receives it, as it would on the
// call's own error in its own body (errorAsserted): it expects the call
// to fail, and what the goroutine drops exists only where the test has
// failed. The channel must be one the test made (a variable stored once
// with a make), so that what the test receives is what the goroutine
// sent.

// relayAsserted reports whether ch, a channel the tracked function sends
// its error on, is a variable of its parent, a test context, that made it,
// and the parent asserts on a value it receives from it.
func (t *tracker) relayAsserted(ch ssa.Value) bool {
	fv, _ := ch.(*ssa.FreeVar)
	loaded := false
	if load, ok := ch.(*ssa.UnOp); ok && load.Op == token.MUL {
		fv, _ = load.X.(*ssa.FreeVar)
		loaded = true
	}
	if fv == nil {
		return false
	}
	parent := t.fn.Parent()
	if parent == nil || !t.e.testCtx[parent] {
		return false
	}
	mc := t.e.closureOf(t.fn)
	i := freeVarIndex(t.fn, fv)
	if mc == nil || i < 0 || i >= len(mc.Bindings) {
		return false
	}
	chans := madeChans(mc.Bindings[i], loaded)
	if len(chans) == 0 {
		return false
	}
	for _, c := range chans {
		for _, v := range receivedFrom(c) {
			if t.assertedInParent(v) {
				return true
			}
		}
	}
	return false
}

// madeChans returns the values under which the parent holds the channel
// bound to a closure: the make itself, or, for a variable (loaded), the
// loads of a local variable whose one store is a make.
func madeChans(bound ssa.Value, loaded bool) []ssa.Value {
	if !loaded {
		if _, ok := bound.(*ssa.MakeChan); ok {
			return []ssa.Value{bound}
		}
		return nil
	}
	alloc, ok := bound.(*ssa.Alloc)
	if !ok {
		return nil
	}
	store, ok := storedOnce(alloc)
	if !ok {
		return nil
	}
	if _, ok := store.Val.(*ssa.MakeChan); !ok {
		return nil
	}
	var out []ssa.Value
	for _, r := range referrers(alloc) {
		if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
			out = append(out, load)
		}
	}
	return out
}

// receivedFrom returns the values received from channel c: receive
// expressions and the values of select cases that receive from it.
func receivedFrom(c ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, r := range referrers(c) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				continue
			}
			if !r.CommaOk {
				out = append(out, r)
				continue
			}
			for _, x := range referrers(r) {
				if ex, ok := x.(*ssa.Extract); ok && ex.Index == 0 {
					out = append(out, ex)
				}
			}
		case *ssa.Select:
			// Results: the chosen index, recvOk, then one value per
			// receiving case.
			k := 2
			for _, st := range r.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if st.Chan == c {
					for _, x := range referrers(r) {
						if ex, ok := x.(*ssa.Extract); ok && ex.Index == k {
							out = append(out, ex)
						}
					}
				}
				k++
			}
		}
	}
	return out
}

// assertedInParent reports whether v, an error the parent received,
// is compared with a sentinel or handed to a call that asserts on it
// (errorAsserted's tests), outside a branch where v is known non-nil.
func (t *tracker) assertedInParent(v ssa.Value) bool {
	nonNil := nilBranchesOf(v)
	for _, r := range referrers(v) {
		if dominatedByAny(r.Block(), nonNil) {
			continue
		}
		switch r := r.(type) {
		case *ssa.BinOp:
			if (r.Op == token.EQL || r.Op == token.NEQ) && (isGlobalLoad(r.X) || isGlobalLoad(r.Y)) {
				return true
			}
		case *ssa.Call:
			if t.assertsOn(r.Common(), v) {
				return true
			}
		}
	}
	return false
}

// nilBranchesOf returns the successors of the blocks that compare v with
// nil, on the side where v is non-nil.
func nilBranchesOf(v ssa.Value) []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	for _, r := range referrers(v) {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) || !(isNil(cmp.X) || isNil(cmp.Y)) {
			continue
		}
		for _, u := range referrers(cmp) {
			iff, ok := u.(*ssa.If)
			if !ok {
				continue
			}
			b := iff.Block()
			if cmp.Op == token.NEQ {
				out = append(out, b.Succs[0])
			} else {
				out = append(out, b.Succs[1])
			}
		}
	}
	return out
}

// dominatedByAny reports whether one of bs dominates b.
func dominatedByAny(b *ssa.BasicBlock, bs []*ssa.BasicBlock) bool {
	for _, s := range bs {
		if s.Dominates(b) {
			return true
		}
	}
	return false
}
