package lifecycle

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file answers, for a test goroutine that uses t and that the test
// does not wait for, on which kind of path that use reaches a finished
// test. A goroutine whose every use of t reports a failure (t.Error,
// t.Fatal, testify's assert and require, followed into helpers) reaches
// t after the test only when one of its checks fails: on a passing run
// it has nothing left to say. That is a fail path, unless the test's own
// end is what makes a check fail: the goroutine waits in a call that
// ends when the test closes or cancels what it waits on (Accept, Read,
// Recv or Serve on a listener or connection the test closes, a receive
// from a channel the test closes or from the Done channel of a context,
// a call handed such a context). Then the failure report runs on the
// passing path, and the finding is an ordinary one.

// requirePkg is testify's require: its checks end the test where they
// fail.
const requirePkg = "github.com/stretchr/testify/require"

// failureMethods are the methods of a *testing.T (B, F, TB) that report
// a failure.
var failureMethods = map[string]bool{
	"Error": true, "Errorf": true, "Fatal": true, "Fatalf": true, "Fail": true, "FailNow": true,
}

// failOnlyT reports whether every use of t in the goroutine g runs body
// (nil when it has no body here) reports a failure, the goroutine does
// not run a server that outlives any test, and none of its reports can be
// provoked by the starting function's own teardown.
func (e *engine) failOnlyT(g *ssa.Go, body *frame) bool {
	if body == nil {
		return false
	}
	if !e.reportsOnlyFailures(body, g.Parent(), 0) {
		return false
	}
	if e.servesForever(body, 0) {
		return false // its work is never done: it outlives every run
	}
	if e.blocksOnPeer(body, 0) {
		return false // it runs as long as its peer keeps the stream open
	}
	return !e.wakesOnTeardown(g.Parent(), body, 0)
}

// blocksOnPeer reports whether f's function, or a function it calls
// here, blocks reading a stream (Accept, Read, Recv, Scan, Decode,
// io.Copy) that the test does not close: the goroutine then ends when the
// other side closes, not when its own work is done, and a passing test
// can end while it still runs (a proxy pumping a connection). Where the
// test does close the stream, wakesOnTeardown decides. One Accept that
// the goroutine itself makes outside any loop (loneAccept) waits for a
// client, not on a peer: the goroutine is done with it once one dials.
func (e *engine) blocksOnPeer(f *frame, depth int) bool {
	return e.callsSomewhere(f, depth, 2, func(ci ssa.CallInstruction, _ *frame, at int) bool {
		key, ok := calleeKey(ci.Common())
		return ok && endsOnClose(ci.Common()) && !strings.HasPrefix(key.Name, "Wait") &&
			!(at == 0 && e.loneAccept(ci))
	})
}

// loneAccept reports whether ci accepts one connection (Accept*) outside
// any loop of its function. Its error is what closing the listener
// provokes, which wakesOnTeardown asks; a listener nobody closes leaves
// the goroutine waiting for a client, silent, until one dials.
func (e *engine) loneAccept(ci ssa.CallInstruction) bool {
	key, ok := calleeKey(ci.Common())
	return ok && strings.HasPrefix(key.Name, "Accept") && e.loopOf(ci.Block()) < 0
}

// servesForever reports whether f's function, or a function it calls
// here, runs a server loop that returns only when the server is closed:
// Serve, ServeTLS, ListenAndServe(TLS) of any package, or a Run method
// without a body here (a web framework's router.Run). A goroutine that
// does is still running when a passing test ends, whatever it reports.
func (e *engine) servesForever(f *frame, depth int) bool {
	return e.callsSomewhere(f, depth, 3, func(ci ssa.CallInstruction, inner *frame, _ int) bool {
		key, ok := calleeKey(ci.Common())
		if !ok {
			return false
		}
		if strings.HasPrefix(key.Name, "Serve") || strings.HasPrefix(key.Name, "ListenAndServe") {
			return true
		}
		return inner == nil && strings.HasPrefix(key.Name, "Run") && key.Pkg != "testing" && key.Pkg != assertPkg && key.Pkg != requirePkg
	})
}

// callsSomewhere reports whether f's function, or a function with a body
// here that it calls (not starts with go), up to maxDepth calls deep,
// makes a call that match accepts; match also gets the callee's frame,
// nil when it has no body here, and the depth of the call (0 in f's own
// function when depth is 0).
func (e *engine) callsSomewhere(f *frame, depth, maxDepth int, match func(ci ssa.CallInstruction, inner *frame, at int) bool) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo {
				continue
			}
			common := ci.Common()
			inner := e.bodyFrame(common, f)
			if match(ci, inner, depth) {
				return true
			}
			if inner != nil && depth < maxDepth && e.callsSomewhere(inner, depth+1, maxDepth, match) {
				return true
			}
		}
	}
	return false
}

// reportsOnlyFailures reports whether every call of f's function that
// uses t (callUsesT) reports a failure. fn is the starting function; the
// uses closedServerGuard discounts at the goroutine's top level are
// discounted here too.
func (e *engine) reportsOnlyFailures(f *frame, fn *ssa.Function, depth int) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo || !e.callUsesT(ci, f, depth) {
				continue
			}
			if depth == 0 && e.closedServerGuard(ci, f, fn) {
				continue
			}
			if !e.reportsFailure(ci, f, fn, depth) {
				return false
			}
		}
	}
	return true
}

// reportsFailure reports whether ci, a call that uses t, only reports a
// failure: a failing method of t, a testify check, or a helper or
// function literal whose own uses of t all report failures.
func (e *engine) reportsFailure(ci ssa.CallInstruction, f *frame, fn *ssa.Function, depth int) bool {
	common := ci.Common()
	if key, ok := calleeKey(common); ok {
		switch {
		case key.Pkg == "testing" && key.Recv != "":
			return failureMethods[key.Name]
		case key.Pkg == assertPkg || key.Pkg == requirePkg:
			return true // every check reports only where it fails
		}
	}
	if depth >= 3 {
		return false
	}
	inner := e.bodyFrame(common, f)
	if inner == nil {
		inner = e.funcValueFrame(common, f)
	}
	if inner == nil {
		return false // a helper the engine cannot read may log
	}
	return e.reportsOnlyFailures(inner, fn, depth+1)
}

// wakesOnTeardown reports whether the goroutine, in f's function or the
// functions it calls here, waits on something the starting function fn
// ends: a receive from a channel fn closes or from a context's Done
// channel, a call that ends when fn closes its receiver (endsOnClose),
// or a call handed a context of fn; and that, woken that way, the
// goroutine can still reach a report (wakebranch.go): a wait whose
// teardown error leads only to a silent return provokes nothing. A wait
// inside a function the goroutine calls (depth > 0) is taken to report:
// what that function returns when woken is not followed.
func (e *engine) wakesOnTeardown(fn *ssa.Function, f *frame, depth int) bool {
	waits := e.endedWaits(fn, f, depth)
	for _, w := range waits {
		if depth > 0 || e.wakeReaches(f, w, waits) {
			return true
		}
	}
	if depth >= 2 {
		return false
	}
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo {
				continue
			}
			if inner := e.bodyFrame(ci.Common(), f); inner != nil && e.wakesOnTeardown(fn, inner, depth+1) {
				return true
			}
		}
	}
	return false
}

// endsOnClose reports whether c is a call that blocks until data comes
// or what it reads from is closed: Accept, Read*, Recv*, Serve*, Scan,
// Decode, io.Copy, Wait. Its error is what a close by the test provokes.
func endsOnClose(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok {
		return false
	}
	for _, p := range []string{"Accept", "Read", "Recv", "Serve", "ListenAndServe", "Scan", "Decode", "Copy", "Wait"} {
		if strings.HasPrefix(key.Name, p) {
			return true
		}
	}
	return false
}

// endedByTest reports whether v, a value of f's function, comes from a
// value of the starting function fn that fn's own end closes, stops or
// cancels (testEnds).
func (e *engine) endedByTest(fn *ssa.Function, f *frame, v ssa.Value) bool {
	for _, o := range originsIn(f, v, 0) {
		if e.testEnds(fn, o) {
			return true
		}
	}
	return false
}

// originsIn returns the values of the starting function that v, a value
// of f's function, is computed from: v itself when it comes from there,
// else the origins of the operands of the instruction that makes it
// (conn from lis.Accept() comes from lis).
func originsIn(f *frame, v ssa.Value, depth int) []ssa.Value {
	if o := f.outer(v); o != nil {
		return []ssa.Value{o}
	}
	instr, ok := v.(ssa.Instruction)
	if !ok || depth > 4 {
		return nil
	}
	var out []ssa.Value
	if cell, ok := v.(*ssa.Alloc); ok {
		// A variable kept in a cell (a parameter a closure captures):
		// what is stored in it.
		for _, r := range referrers(cell) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
				out = append(out, originsIn(f, st.Val, depth+1)...)
			}
		}
		return out
	}
	for _, op := range instr.Operands(nil) {
		if op != nil && *op != nil {
			out = append(out, originsIn(f, *op, depth+1)...)
		}
	}
	return out
}

// testEnds reports whether fn's end may end what a goroutine waits on in
// v, a value of fn: a context (t.Context, or one fn may cancel; only
// context.Background and TODO never end), a channel fn closes, a value fn
// closes, stops or shuts down (directly, deferred or in t.Cleanup), a
// value a helper handed t made (it may register its own cleanup), or a
// parameter or captured variable of fn (its owner may close it).
func (e *engine) testEnds(fn *ssa.Function, v ssa.Value) bool {
	if IsTB(v.Type()) || isTestingTLike(v) {
		return false // t itself: what it reports is asked elsewhere
	}
	if isContext(v.Type()) {
		return !isBackgroundCall(v)
	}
	base := keyOf(v).base
	for _, src := range cellValues(base) {
		switch src.(type) {
		case *ssa.Parameter, *ssa.FreeVar:
			// The caller, or the enclosing test, owns it and may
			// close it when it ends (a helper given the test's
			// listener).
			return true
		}
		if madeWithT(src) {
			return true
		}
	}
	found := false
	visitTeardown(fn, func(name string, recv ssa.Value, f *frame) {
		if !found && (name == "close" || releaseName(name)) && sameBase(f, recv, base) {
			found = true
		}
	})
	return found
}

// releaseName reports whether a method of this name ends what its
// receiver serves or reads.
func releaseName(name string) bool {
	switch name {
	case "Close", "Stop", "GracefulStop", "Shutdown", "CloseSend", "Cancel", "Kill":
		return true
	}
	return false
}

// sameBase reports whether v, a value of f's function, is base (or a
// field of it) in the starting function.
func sameBase(f *frame, v ssa.Value, base ssa.Value) bool {
	k, ok := f.outerKey(v)
	return ok && k.base == base
}

// visitTeardown calls visit for every method call fn makes (name and
// receiver) and every close(ch) (name "close"), directly or in a function
// literal it defers, registers with t.Cleanup or calls, with the frame
// the receiver belongs to; bound method values handed on (defer
// srv.Close(), t.Cleanup(srv.Close)) count as calls on their receiver.
func visitTeardown(fn *ssa.Function, visit func(name string, recv ssa.Value, f *frame)) {
	var walk func(f *frame, depth int)
	walk = func(f *frame, depth int) {
		for _, b := range f.fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if _, isGo := ci.(*ssa.Go); isGo {
					continue
				}
				common := ci.Common()
				switch {
				case common.IsInvoke():
					visit(common.Method.Name(), common.Value, f)
				default:
					if bi, ok := common.Value.(*ssa.Builtin); ok && bi.Name() == "close" && len(common.Args) == 1 {
						visit("close", common.Args[0], f)
					} else if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil && len(common.Args) > 0 {
						visit(callee.Name(), common.Args[0], f)
					}
				}
				for _, v := range append([]ssa.Value{common.Value}, common.Args...) {
					mc, ok := v.(*ssa.MakeClosure)
					if !ok {
						continue
					}
					inner, ok := mc.Fn.(*ssa.Function)
					if !ok || inner.Blocks == nil {
						continue
					}
					if inner.Synthetic != "" {
						if obj, ok := inner.Object().(*types.Func); ok && len(mc.Bindings) == 1 {
							visit(obj.Name(), mc.Bindings[0], f) // srv.Close as a value
						}
						continue
					}
					if depth < 2 {
						walk(&frame{fn: inner, parent: f, free: mc.Bindings}, depth+1)
					}
				}
			}
		}
	}
	walk(&frame{fn: fn}, 0)
}

// cellValues returns v and, when v is a variable's cell (a variable a
// closure captures), the values stored in it.
func cellValues(v ssa.Value) []ssa.Value {
	out := []ssa.Value{v}
	if cell, ok := v.(*ssa.Alloc); ok {
		for _, r := range referrers(cell) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
				out = append(out, normaliseRoot(st.Val))
			}
		}
	}
	return out
}

// isBackgroundCall reports whether v is context.Background() or
// context.TODO(), which are never done.
func isBackgroundCall(v ssa.Value) bool {
	call, ok := normaliseRoot(v).(*ssa.Call)
	if !ok {
		return false
	}
	key, ok := calleeKey(call.Common())
	return ok && key.Pkg == "context" && key.Recv == "" && (key.Name == "Background" || key.Name == "TODO")
}

// madeWithT reports whether v is (a result of) a call handed the test's
// t: a fixture helper that may close it in its own t.Cleanup.
func madeWithT(v ssa.Value) bool {
	if ex, ok := v.(*ssa.Extract); ok {
		v = ex.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	for _, a := range call.Common().Args {
		if IsTB(a.Type()) || isTestingTLike(a) {
			return true
		}
	}
	return false
}
