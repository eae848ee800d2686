package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Stop sources: what a goroutine's loop waits for to end, and whether
// anything can trigger it. This is the part of the goroutine analysis
// that gocancel's "unstoppable goroutine" check shares in spirit; it is
// kept apart so that the two can be unified (see the package doc).
//
// A loop exit is dead when every way it can be taken depends only on
// channels nothing closes (or sends on), on contexts nothing cancels, or
// on nothing at all (`for { ... }`). Everything else is assumed live: an
// I/O call that fails once its resource is closed, a counter, a flag a
// load reads, a timer that fires. Unknown means live, so that only loops
// that clearly cannot end are reported.

// endlessLoop returns a block of a loop of f's function (or of a
// function it calls directly, a level or two deep) whose exits are all
// dead, or nil.
func (e *engine) endlessLoop(f *frame, depth int) *ssa.BasicBlock {
	fn := f.fn
	comps := loopComponents(fn)
	byComp := make(map[int][]*ssa.BasicBlock)
	for b, id := range comps {
		byComp[id] = append(byComp[id], b)
	}
	for id, blocks := range byComp {
		if e.loopCanEnd(f, comps, id, blocks) {
			continue
		}
		// Report the loop's header: its lowest-index block.
		head := blocks[0]
		for _, b := range blocks {
			if b.Index < head.Index {
				head = b
			}
		}
		return head
	}
	if depth >= 2 {
		return nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if inner := e.bodyFrame(call.Common(), f); inner != nil && inner.fn != fn {
				if blk := e.endlessLoop(inner, depth+1); blk != nil {
					return blk
				}
			}
		}
	}
	return nil
}

// loopCanEnd reports whether a loop (the blocks of one component) has an
// exit that can be taken: a live exit edge, or a call inside it that ends
// the goroutine or panics.
func (e *engine) loopCanEnd(f *frame, comps map[*ssa.BasicBlock]int, id int, blocks []*ssa.BasicBlock) bool {
	for _, b := range blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Panic:
				return true
			case *ssa.Call:
				if class, _ := e.classifyCall(x.Common()); class != exitNone {
					return true
				}
			}
		}
		for i, s := range b.Succs {
			if cid, in := comps[s]; in && cid == id {
				continue
			}
			if isNoCasePanic(s) {
				continue // a blocking select cannot fall through its cases
			}
			if e.exitLive(f, comps, id, b, i, 0) {
				return true
			}
		}
	}
	return false
}

// exitLive reports whether the edge from b to its i-th successor, which
// leaves the loop (component id), can be taken. go/ssa lowers a select
// into a chain of `index == k` tests: the "not case k" edge leads to the
// test of the next case, so it is live only if one of the cases further
// down the chain leaves the loop by a live case.
func (e *engine) exitLive(f *frame, comps map[*ssa.BasicBlock]int, id int, b *ssa.BasicBlock, i int, depth int) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return true
	}
	want := i == 0
	if cmp, ok := iff.Cond.(*ssa.BinOp); ok && depth < 64 {
		if sel, _, ok := selectIndexCmp(cmp); ok && (cmp.Op == token.EQL) != want {
			next := b.Succs[i]
			nif, ok := next.Instrs[len(next.Instrs)-1].(*ssa.If)
			if ncmp, ok2 := nif.Cond.(*ssa.BinOp); ok && ok2 {
				if nsel, _, ok := selectIndexCmp(ncmp); ok && nsel == sel {
					for j, t := range next.Succs {
						if cid, in := comps[t]; in && cid == id {
							continue
						}
						if isNoCasePanic(t) {
							continue
						}
						if e.exitLive(f, comps, id, next, j, depth+1) {
							return true
						}
					}
					return false
				}
			}
			return true
		}
	}
	return e.condLive(f, iff.Cond, want, 0)
}

// condLive reports whether cond can take the value want (true for the
// If's then-edge), as far as stop sources go.
func (e *engine) condLive(f *frame, cond ssa.Value, want bool, depth int) bool {
	if depth > 8 {
		return true
	}
	switch x := cond.(type) {
	case *ssa.Const:
		if x.Value == nil || x.Value.Kind() != constant.Bool {
			return true
		}
		return constant.BoolVal(x.Value) == want
	case *ssa.UnOp:
		if x.Op == token.NOT {
			return e.condLive(f, x.X, !want, depth+1)
		}
		if x.Op == token.ARROW {
			// A received bool: it arrives only if someone sends.
			return e.chanLive(f, x.X, true)
		}
		return true
	case *ssa.BinOp:
		if sel, k, ok := selectIndexCmp(x); ok {
			// The select chose case k (or did not).
			if (x.Op == token.EQL) != want {
				return true // "not case k": some other case, or the loop goes on
			}
			return e.selectCaseLive(f, sel, k)
		}
		switch x.Op {
		case token.LAND:
			return e.condLive(f, x.X, want, depth+1) && e.condLive(f, x.Y, want, depth+1)
		case token.LOR:
			return e.condLive(f, x.X, want, depth+1) || e.condLive(f, x.Y, want, depth+1)
		}
		// A comparison: live if either operand can change.
		return e.valueLive(f, x.X, depth+1) || e.valueLive(f, x.Y, depth+1)
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.UnOp:
			if t.Op == token.ARROW && x.Index == 1 {
				// v, ok := <-ch; ok is false once ch is closed.
				if !want {
					return e.chanLive(f, t.X, false)
				}
				return e.chanLive(f, t.X, true)
			}
		case *ssa.Select:
			if x.Index >= 2 {
				// The ok of a receive case.
				return e.selectCaseLive(f, t, -1)
			}
		}
		return true
	case *ssa.Phi:
		for _, edge := range x.Edges {
			if e.condLive(f, edge, want, depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// valueLive reports whether a value compared in a loop condition can
// change: anything but constants and dead receives can.
func (e *engine) valueLive(f *frame, v ssa.Value, depth int) bool {
	switch x := v.(type) {
	case *ssa.Const:
		return false
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return e.chanLive(f, x.X, true)
		}
	case *ssa.Extract:
		if t, ok := x.Tuple.(*ssa.UnOp); ok && t.Op == token.ARROW {
			return e.chanLive(f, t.X, x.Index == 0)
		}
	case *ssa.Call:
		// ctx.Err() changes when the context is cancelled.
		if key, ok := calleeKey(x.Common()); ok && key.Name == "Err" && isContextRecv(x.Common()) {
			return e.contextLive(f, contextRecv(x.Common()), depth)
		}
	}
	return true
}

// selectIndexCmp matches `index == k` (or !=) on the chosen-case index of
// a select.
func selectIndexCmp(b *ssa.BinOp) (*ssa.Select, int, bool) {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return nil, 0, false
	}
	x, c := b.X, b.Y
	if _, ok := x.(*ssa.Const); ok {
		x, c = c, x
	}
	ext, ok := x.(*ssa.Extract)
	if !ok || ext.Index != 0 {
		return nil, 0, false
	}
	sel, ok := ext.Tuple.(*ssa.Select)
	k, ok2 := c.(*ssa.Const)
	if !ok || !ok2 || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	n, _ := constant.Int64Val(k.Value)
	return sel, int(n), true
}

// selectCaseLive reports whether case k of sel can be chosen (k < 0: any
// receive case). A send case can; a receive case can when its channel
// delivers; the default case of a non-blocking select always can.
func (e *engine) selectCaseLive(f *frame, sel *ssa.Select, k int) bool {
	if k < 0 {
		for _, st := range sel.States {
			if st.Dir == types.RecvOnly && e.chanLive(f, st.Chan, true) {
				return true
			}
		}
		return false
	}
	if k >= len(sel.States) {
		return true
	}
	st := sel.States[k]
	if st.Dir == types.SendOnly {
		return true
	}
	return e.chanLive(f, st.Chan, true)
}

// chanLive reports whether a receive from ch can complete (receipt: a
// send or a close will do) or see it closed (!receipt: only a close will).
func (e *engine) chanLive(f *frame, ch ssa.Value, receipt bool) bool {
	switch x := ch.(type) {
	case *ssa.Const:
		return false // a nil channel blocks forever
	case *ssa.Call:
		key, ok := calleeKey(x.Common())
		if !ok {
			return true
		}
		switch {
		case key.Pkg == "time" && key.Recv == "" && (key.Name == "After" || key.Name == "Tick"):
			return receipt // fires, never closes
		case key.Name == "Done" && len(x.Common().Args) <= 1 && isContextRecv(x.Common()):
			return e.contextLive(f, contextRecv(x.Common()), 0)
		}
		return true
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if fa, ok := x.X.(*ssa.FieldAddr); ok && fa.Field == 0 && isTimerType(fa.X.Type()) {
				return receipt // Ticker.C and Timer.C fire, and are never closed
			}
		}
	case *ssa.Field:
		if isTimerType(x.X.Type()) {
			return receipt
		}
	}
	if live, known := e.fieldChanLive(f, ch, receipt); known {
		return live
	}
	o := f.outer(ch)
	if o == nil {
		// Made inside the goroutine: someone in it may close it, or not.
		return e.madeChanLive(normaliseRoot(ch), f.fn, receipt)
	}
	root := normaliseRoot(o)
	if _, made := root.(*ssa.MakeChan); !made {
		if alloc, ok := root.(*ssa.Alloc); ok {
			return e.cellChanLive(alloc, root, receipt)
		}
		return true // a parameter, field, global or call result: unknown
	}
	return e.madeChanLive(root, rootFn(f), receipt)
}

// rootFn returns the starting function of f's chain.
func rootFn(f *frame) *ssa.Function {
	for f.parent != nil {
		f = f.parent
	}
	return f.fn
}

// cellChanLive judges a channel variable captured by closures: live if
// what is stored in it is.
func (e *engine) cellChanLive(cell *ssa.Alloc, root ssa.Value, receipt bool) bool {
	for _, r := range referrers(cell) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
			if mc, ok := st.Val.(*ssa.MakeChan); ok {
				if e.madeChanLive(mc, cell.Parent(), receipt) || e.madeChanLive(cell, cell.Parent(), receipt) {
					return true
				}
				continue
			}
			return true
		}
	}
	return false
}

// madeChanLive reports whether a channel made in fn (v: the make, or the
// cell holding it) is closed, sent on, or handed on anywhere in fn or the
// function literals inside it.
func (e *engine) madeChanLive(v ssa.Value, fn *ssa.Function, receipt bool) bool {
	seen := map[ssa.Value]bool{}
	var uses func(v ssa.Value, depth int) bool
	uses = func(v ssa.Value, depth int) bool {
		if seen[v] || depth > 6 {
			return false
		}
		seen[v] = true
		for _, r := range referrers(v) {
			switch x := r.(type) {
			case *ssa.Send:
				if receipt && x.Chan == v {
					return true
				}
			case *ssa.Select:
				for _, st := range x.States {
					if st.Dir == types.SendOnly && st.Chan == v && receipt {
						return true
					}
				}
			case ssa.CallInstruction:
				common := x.Common()
				if b, ok := common.Value.(*ssa.Builtin); ok {
					if b.Name() == "close" {
						return true
					}
					continue
				}
				// Handed to a function: it may close it.
				return true
			case *ssa.Store:
				if x.Val == v {
					if alloc, ok := x.Addr.(*ssa.Alloc); ok {
						if uses(alloc, depth+1) {
							return true
						}
						continue
					}
					return true // stored beyond: someone else may close it
				}
			case *ssa.UnOp:
				if x.Op == token.MUL && uses(x, depth+1) {
					return true
				}
			case *ssa.MakeClosure:
				fn, ok := x.Fn.(*ssa.Function)
				if !ok {
					return true
				}
				for i, b := range x.Bindings {
					if b == v && i < len(fn.FreeVars) && uses(fn.FreeVars[i], depth+1) {
						return true
					}
				}
			case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface:
				if uses(x.(ssa.Value), depth+1) {
					return true
				}
			case *ssa.Return:
				return true
			}
		}
		return false
	}
	return uses(v, 0)
}

// isTimerType reports whether t is (a pointer to) time.Ticker or
// time.Timer.
func isTimerType(t types.Type) bool {
	key, ok := TypeKeyOf(t)
	return ok && key.Pkg == "time" && (key.Name == "Ticker" || key.Name == "Timer")
}

func isContextRecv(c *ssa.CallCommon) bool {
	v := contextRecv(c)
	return v != nil && contextLike(v.Type())
}

// contextRecv returns the context whose method c calls.
func contextRecv(c *ssa.CallCommon) ssa.Value {
	if c.IsInvoke() {
		return c.Value
	}
	if len(c.Args) > 0 {
		return c.Args[0]
	}
	return nil
}

// contextLive reports whether a context can be cancelled: t.Context(),
// a context whose cancel function is called or handed on, one with a
// deadline, one received from elsewhere. context.Background, TODO and
// WithoutCancel contexts, and derived contexts of those whose cancel is
// dropped, are not.
func (e *engine) contextLive(f *frame, ctx ssa.Value, depth int) bool {
	if depth > 8 {
		return true
	}
	if o := f.outer(ctx); o != nil {
		ctx = o
		for f.parent != nil {
			f = f.parent
		}
	}
	switch x := normaliseRoot(ctx).(type) {
	case *ssa.Call:
		key, ok := calleeKey(x.Common())
		if !ok {
			return true
		}
		if key.Pkg == "context" && key.Recv == "" {
			switch key.Name {
			case "Background", "TODO", "WithoutCancel":
				return false
			case "WithValue":
				return e.contextLive(f, x.Common().Args[0], depth+1)
			}
		}
		return true
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || !IsContextWith(call.Common()) || x.Index != 0 {
			return true
		}
		key, _ := calleeKey(call.Common())
		switch key.Name {
		case "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause":
			return true
		}
		for _, r := range referrers(call) {
			if c, ok := r.(*ssa.Extract); ok && c.Index == 1 && len(*c.Referrers()) > 0 {
				return true // cancel is called or handed on
			}
		}
		return e.contextLive(f, call.Common().Args[0], depth+1)
	case *ssa.Alloc:
		for _, r := range referrers(x) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == x {
				if e.contextLive(f, st.Val, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return true
}

// isNoCasePanic reports whether b is the unreachable block go/ssa puts
// after the cases of a blocking select.
func isNoCasePanic(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	p, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic)
	if !ok {
		return false
	}
	mi, ok := p.X.(*ssa.MakeInterface)
	if !ok {
		return false
	}
	c, ok := mi.X.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.String &&
		strings.HasPrefix(constant.StringVal(c.Value), "blocking select matched no case")
}
