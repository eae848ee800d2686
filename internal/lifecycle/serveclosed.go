package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A serve goroutine in a test reports through t only when Serve fails
// with something other than http.ErrServerClosed:
//
//	go func() {
//		if err := srv.Serve(ln); err != http.ErrServerClosed {
//			t.Errorf("serve: %v", err)
//		}
//	}()
//	defer srv.Close()
//
// When the test closes (or shuts down) that server in a defer or
// t.Cleanup, Serve returns http.ErrServerClosed before the test ends and
// the goroutine never touches t after it: that use of t does not count.

// closedServerGuard reports whether instr, in the goroutine body f, runs
// only where a Serve call's error is not http.ErrServerClosed, and the
// starting function fn closes that server in a defer or t.Cleanup; or,
// more generally, where an error is not a "closed" sentinel of a package
// whose values the test closes at its end (closedsentinel.go).
func (e *engine) closedServerGuard(instr ssa.Instruction, f *frame, fn *ssa.Function) bool {
	for _, b := range f.fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, negated := stripNotOdd(iff.Cond)
		var errv ssa.Value
		onTrue := true // the edge on which the error is not ErrServerClosed
		switch c := cond.(type) {
		case *ssa.BinOp:
			switch {
			case (c.Op == token.NEQ || c.Op == token.EQL) && isServerClosed(c.Y):
				errv = c.X
			case (c.Op == token.NEQ || c.Op == token.EQL) && isServerClosed(c.X):
				errv = c.Y
			}
			onTrue = c.Op == token.NEQ
		case *ssa.Call:
			if key, ok := calleeKey(c.Common()); ok && key.Pkg == "errors" && key.Name == "Is" && len(c.Common().Args) == 2 &&
				isServerClosed(uninterface(c.Common().Args[1])) {
				errv = c.Common().Args[0]
				onTrue = false
			}
		}
		if errv == nil {
			continue
		}
		if negated {
			onTrue = !onTrue
		}
		srv := serveReceiver(uninterface(errv))
		if srv == nil {
			continue
		}
		if !guardLeadsTo(b, onTrue, instr.Block()) {
			continue
		}
		if k, ok := f.outerKey(srv); ok && e.closesServer(fn, k) {
			return true
		}
	}
	return e.closedSentinelGuard(instr, f, fn)
}

// isServerClosed reports whether v loads net/http.ErrServerClosed.
func isServerClosed(v ssa.Value) bool {
	return isGlobal(v, "net/http", "ErrServerClosed")
}

// serveReceiver returns the *http.Server whose Serve, ServeTLS,
// ListenAndServe or ListenAndServeTLS returned err, or nil.
func serveReceiver(err ssa.Value) ssa.Value {
	call, ok := err.(*ssa.Call)
	if !ok {
		return nil
	}
	if key, ok := calleeKey(call.Common()); !ok || !isServerMethod(key, "Serve", "ServeTLS", "ListenAndServe", "ListenAndServeTLS") {
		return nil
	}
	if len(call.Common().Args) == 0 {
		return nil
	}
	return call.Common().Args[0]
}

func isServerMethod(key FuncKey, names ...string) bool {
	if key.Pkg != "net/http" || key.Recv != "Server" {
		return false
	}
	for _, n := range names {
		if key.Name == n {
			return true
		}
	}
	return false
}

// closesServer reports whether fn defers, or registers with t.Cleanup,
// Close or Shutdown of the server k names.
func (e *engine) closesServer(fn *ssa.Function, k sigKey) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var c *ssa.CallCommon
			switch x := instr.(type) {
			case *ssa.Defer:
				c = x.Common()
			case *ssa.Call:
				if !IsCleanupCall(x.Common()) || len(x.Common().Args) < 2 {
					continue
				}
				mc, ok := x.Common().Args[1].(*ssa.MakeClosure)
				if !ok {
					continue
				}
				fn2, ok := mc.Fn.(*ssa.Function)
				if !ok {
					continue
				}
				// t.Cleanup(srv.Close): a bound method value.
				if obj, ok := fn2.Object().(*types.Func); ok && len(mc.Bindings) == 1 &&
					isServerMethod(FuncKeyOf(obj), "Close", "Shutdown") && keyOf(mc.Bindings[0]) == k {
					return true
				}
				// t.Cleanup(func() { srv.Shutdown(ctx) }).
				if closesIn(&frame{fn: fn2, parent: &frame{fn: fn}, free: mc.Bindings}, k) {
					return true
				}
				continue
			default:
				continue
			}
			if key, ok := calleeKey(c); ok && isServerMethod(key, "Close", "Shutdown") && len(c.Args) > 0 && keyOf(c.Args[0]) == k {
				return true
			}
		}
	}
	return false
}

// closesIn reports whether f's function calls Close or Shutdown on the
// server k names in the starting function.
func closesIn(f *frame, k sigKey) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			c := call.Common()
			if key, ok := calleeKey(c); ok && isServerMethod(key, "Close", "Shutdown") && len(c.Args) > 0 {
				if ok2, found := f.outerKey(c.Args[0]); found && ok2 == k {
					return true
				}
			}
		}
	}
	return false
}

// guardLeadsTo reports whether the successor b takes when its condition
// is onTrue is entered only from b and dominates at: every path to at
// passed the guard with that outcome.
func guardLeadsTo(b *ssa.BasicBlock, onTrue bool, at *ssa.BasicBlock) bool {
	edge := b.Succs[1]
	if onTrue {
		edge = b.Succs[0]
	}
	return len(edge.Preds) == 1 && edge.Dominates(at)
}
