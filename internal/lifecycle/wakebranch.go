package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file answers, for a wait of a test goroutine that the test's own
// teardown ends (wakesOnTeardown), whether the goroutine can report into
// t once that wait has been ended that way. A wait ended by teardown
// does not end at random: a call on a closed listener or connection
// returns a non-nil error, a call handed a cancelled context returns a
// non-nil error that is context.Canceled, a select wakes in the case of
// the ended channel. The path the goroutine then takes is followed with
// that knowledge: a branch on the call's error going the other way
// (`if err == nil { t.Error(...) }`, `if status.Code(err) !=
// codes.Canceled { t.Errorf(...) }`) is not taken. When no failure
// report lies on the paths left, the teardown cannot provoke one.

// An endedWait is a wait of a goroutine's function that the test's
// teardown ends.
type endedWait struct {
	instr ssa.Instruction
	// err is the error result of a call, nil for a receive, a select or
	// a call without one.
	err ssa.Value
	// ctxErr names the error a call handed a context the teardown ends
	// returns: "Canceled" when the context is cancelled,
	// "DeadlineExceeded" when it has passed its deadline before the test
	// ends (deadline.go); "" when only a non-nil error is known (a
	// Close ends the call).
	ctxErr string
	// rpc: the call is a gRPC client method (its error is a status, so
	// status.Code says Canceled for a cancelled context).
	rpc bool
	// woken lists, for a select, the states the teardown ends.
	woken []int
}

// endedWaits lists the waits of f's own function that the starting
// function fn ends: a receive from a channel fn closes or from a context's
// Done channel, a select with such a case, a call that ends when fn
// closes its receiver (endsOnClose) or that is handed a context of fn. A
// call of a function with a body here (depth < 2) is not one: its own
// waits decide (wakesOnTeardown), not its name (a helper WaitForOutput
// that polls a buffer) nor the values it is handed. Neither are a
// context's own methods (what waits on ctx.Done() is the receive) and
// calls that return a context (they derive one; they do not wait).
func (e *engine) endedWaits(fn *ssa.Function, f *frame, depth int) []endedWait {
	var out []endedWait
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && e.endedByTest(fn, f, x.X) {
					out = append(out, endedWait{instr: x})
				}
			case *ssa.Select:
				var woken []int
				for i, st := range x.States {
					if st.Dir == types.RecvOnly && e.endedByTest(fn, f, st.Chan) {
						woken = append(woken, i)
					}
				}
				if len(woken) > 0 {
					out = append(out, endedWait{instr: x, woken: woken})
				}
			case ssa.CallInstruction:
				if w, ok := e.endedCall(fn, f, x, depth); ok {
					out = append(out, w)
				}
			}
		}
	}
	return out
}

// endedCall is endedWaits' answer for a call.
func (e *engine) endedCall(fn *ssa.Function, f *frame, ci ssa.CallInstruction, depth int) (endedWait, bool) {
	if _, isGo := ci.(*ssa.Go); isGo {
		return endedWait{}, false
	}
	common := ci.Common()
	if common.IsInvoke() && isContext(common.Value.Type()) {
		return endedWait{}, false
	}
	if e.bodyFrame(common, f) != nil && depth < 2 {
		return endedWait{}, false
	}
	if returnsContext(common.Signature()) {
		return endedWait{}, false
	}
	operands := common.Args
	if common.IsInvoke() {
		operands = append([]ssa.Value{common.Value}, operands...)
	}
	ends := endsOnClose(common)
	var errs []string
	for _, a := range operands {
		if (ends || isContext(a.Type())) && e.endedByTest(fn, f, a) {
			switch {
			case !isContext(a.Type()):
				errs = append(errs, "")
			case e.expiresBeforeEnd(fn, f, a):
				errs = append(errs, "DeadlineExceeded")
			default:
				errs = append(errs, "Canceled")
			}
		}
	}
	if len(errs) == 0 {
		return endedWait{}, false
	}
	w := endedWait{instr: ci, err: waitError(ci), ctxErr: errs[0], rpc: isRPC(common.Signature())}
	for _, e := range errs[1:] {
		if e != w.ctxErr {
			w.ctxErr = "" // ended two ways: only a non-nil error is known
		}
	}
	return w, true
}

// returnsContext reports whether a function of signature sig returns a
// context.Context (context.WithTimeout, metadata.NewOutgoingContext).
func returnsContext(sig *types.Signature) bool {
	res := sig.Results()
	return res.Len() > 0 && isContext(res.At(0).Type())
}

// wakeReaches reports whether, in the goroutine body f (the function the
// go statement runs), a call that uses t can run after w has been woken
// by the test's teardown. Every wait of waits that the path meets again
// has been ended too, so a branch on its error (or on a select's case)
// is followed only the way the teardown sends it.
func (e *engine) wakeReaches(f *frame, w endedWait, waits []endedWait) bool {
	if e.defersUseT(f) {
		return true // a deferred report runs on every way out
	}
	wokenEdge := func(iff *ssa.If) (edge int, ok bool) {
		for _, o := range waits {
			if o.err != nil {
				if edge, ok := errorEdge(iff, o); ok {
					return edge, true
				}
			}
			if sel, isSel := o.instr.(*ssa.Select); isSel {
				if edge, ok := selectEdge(iff, sel, o.woken); ok {
					return edge, true
				}
			}
		}
		return 0, false
	}
	start := w.instr.Block()
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	queue := []item{{start, indexOf(start, w.instr) + 1}}
	seen := map[*ssa.BasicBlock]bool{}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		for _, instr := range it.b.Instrs[it.i:] {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo {
				continue
			}
			if e.callUsesT(ci, f, 0) && !e.closedServerGuard(ci, f, rootFn(f)) {
				return true
			}
		}
		succs := it.b.Succs
		if iff, ok := it.b.Instrs[len(it.b.Instrs)-1].(*ssa.If); ok {
			if edge, ok := wokenEdge(iff); ok {
				succs = succs[edge : edge+1]
			}
		}
		for _, s := range succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return false
}

// defersUseT reports whether f's function defers a call that uses t.
func (e *engine) defersUseT(f *frame) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && e.callUsesT(d, f, 0) {
				return true
			}
		}
	}
	return false
}

// waitError returns the error result of x when x is a call that returns
// one (alone or last), or nil.
func waitError(x ssa.Instruction) ssa.Value {
	call, ok := x.(*ssa.Call)
	if !ok {
		return nil
	}
	if isErrorType(call.Type()) {
		return call
	}
	tup, ok := call.Type().(*types.Tuple)
	if !ok || tup.Len() == 0 || !isErrorType(tup.At(tup.Len()-1).Type()) {
		return nil
	}
	for _, r := range referrers(call) {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == tup.Len()-1 {
			return ex
		}
	}
	return nil
}

// isErrorType reports whether t is the error type.
func isErrorType(t types.Type) bool {
	return types.Identical(t, errorType)
}

// errorEdge returns the successor of iff taken when w.err, the error of a
// wait the teardown ended, is not nil (and, when w.ctxErr names one, is
// context's error of that name): `err != nil`, `err ==
// context.Canceled`, errors.Is(err, context.DeadlineExceeded), and for
// a gRPC call status.Code(err) == codes.Canceled; and their negations.
// ok is false when iff does not test w.err so.
func errorEdge(iff *ssa.If, w endedWait) (edge int, ok bool) {
	errv, ctxErr := w.err, w.ctxErr
	cond, negated := stripNotOdd(iff.Cond)
	onTrue := false // whether the woken error takes the true edge
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return 0, false
		}
		x, y := c.X, c.Y
		if !sameError(x, errv) && !isCancelCode(x, errv) {
			x, y = y, x
		}
		switch {
		case sameError(x, errv) && isNil(y):
			onTrue = c.Op == token.NEQ
		case sameError(x, errv) && isContextError(y):
			if ctxErr == "" {
				return 0, false
			}
			onTrue = (c.Op == token.EQL) == isGlobal(y, "context", ctxErr)
		case isCancelCode(x, errv) && codeOf(y) >= 0:
			if ctxErr == "" || !w.rpc {
				return 0, false
			}
			onTrue = (c.Op == token.EQL) == (codeOf(y) == contextCodes[ctxErr])
		default:
			return 0, false
		}
	case *ssa.Call:
		key, ok := calleeKey(c.Common())
		args := c.Common().Args
		if !ok || ctxErr == "" || key.Pkg != "errors" || key.Name != "Is" || len(args) != 2 ||
			!sameError(args[0], errv) || !isContextError(uninterface(args[1])) {
			return 0, false
		}
		onTrue = isGlobal(uninterface(args[1]), "context", ctxErr)
	default:
		return 0, false
	}
	if negated {
		onTrue = !onTrue
	}
	if onTrue {
		return 0, true
	}
	return 1, true
}

// sameError reports whether v is errv, possibly converted.
func sameError(v, errv ssa.Value) bool {
	return uninterface(v) == errv || v == errv
}

// isGlobal reports whether v loads the package variable pkg.name.
func isGlobal(v ssa.Value, pkg, name string) bool {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	g, ok := u.X.(*ssa.Global)
	return ok && g.Pkg != nil && g.Pkg.Pkg.Path() == pkg && g.Name() == name
}

// isCancelCode reports whether v is status.Code(errv), gRPC's code of an
// error (codes.Canceled for a call whose context was cancelled).
func isCancelCode(v, errv ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	key, ok := calleeKey(call.Common())
	return ok && key.Pkg == "google.golang.org/grpc/status" && key.Recv == "" && key.Name == "Code" &&
		len(call.Common().Args) == 1 && sameError(call.Common().Args[0], errv)
}

// isRPC reports whether a function of signature sig is a gRPC client
// method, as generated: its last parameter is `opts ...grpc.CallOption`.
func isRPC(sig *types.Signature) bool {
	params := sig.Params()
	if !sig.Variadic() || params.Len() == 0 {
		return false
	}
	sl, ok := params.At(params.Len() - 1).Type().(*types.Slice)
	if !ok {
		return false
	}
	key, ok := TypeKeyOf(sl.Elem())
	return ok && key == TypeKey{Pkg: "google.golang.org/grpc", Name: "CallOption"}
}

// isContextError reports whether v loads context.Canceled or
// context.DeadlineExceeded.
func isContextError(v ssa.Value) bool {
	return isGlobal(v, "context", "Canceled") || isGlobal(v, "context", "DeadlineExceeded")
}

// contextCodes are the gRPC codes of context's errors.
var contextCodes = map[string]int64{"Canceled": 1, "DeadlineExceeded": 4}

// codeOf returns the gRPC code v is a constant of, or -1.
func codeOf(v ssa.Value) int64 {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return -1
	}
	key, ok := TypeKeyOf(c.Type())
	if !ok || key != (TypeKey{Pkg: "google.golang.org/grpc/codes", Name: "Code"}) {
		return -1
	}
	got, exact := constant.Int64Val(c.Value)
	if !exact {
		return -1
	}
	return got
}

// selectEdge returns the successor of iff taken when sel wakes in one of
// the states woken: iff tests sel's chosen index against a constant
// (`index == k`, as the SSA builder lowers a select). When every woken
// state is k, the true edge; when none is, the false edge.
func selectEdge(iff *ssa.If, sel *ssa.Select, woken []int) (edge int, ok bool) {
	c, isBin := iff.Cond.(*ssa.BinOp)
	if !isBin || c.Op != token.EQL {
		return 0, false
	}
	ex, isEx := c.X.(*ssa.Extract)
	k, isConst := c.Y.(*ssa.Const)
	if !isEx || !isConst || ex.Tuple != sel || ex.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	n, exact := constant.Int64Val(k.Value)
	if !exact {
		return 0, false
	}
	hit, miss := false, false
	for _, w := range woken {
		if int64(w) == n {
			hit = true
		} else {
			miss = true
		}
	}
	switch {
	case hit && !miss:
		return 0, true
	case miss && !hit:
		return 1, true
	}
	return 0, false
}
