package lifecycle

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// The ErrServerClosed guard (serveclosed.go) generalised: a goroutine in a
// test that reports through t only when an operation fails with an error
// other than its package's "closed" sentinel,
//
//	go func() {
//		for {
//			if err := conn.Publish(msg); err != nil && !errors.Is(err, bus.ErrConnClosed) {
//				t.Logf("publish: %v", err)
//			}
//			...
//		}
//	}()
//
// while the test, or a fixture helper it runs under, closes a value of
// that package (t.Cleanup(conn.Close), defer ln.Close()): once the test
// is over, the operation fails with the sentinel and the goroutine does
// not touch t. The criterion is two facts a reader checks at a glance:
// the sentinel is a package-level error variable whose name says closed
// (net.ErrClosed, a dependency's ErrConnectionClosed), and a Close or
// Shutdown of a value of the sentinel's package is deferred or registered
// with t.Cleanup by the starting function, a function enclosing it, or a
// helper of this package one of them hands t to (fixtures, three calls
// deep). A guard on any other error (io.EOF) proves nothing.

// closedSentinelDepth bounds the fixture helpers followed from the test.
const closedSentinelDepth = 3

// closedSentinelGuard reports whether instr, in the goroutine body f, runs
// only where an error is not a "closed" sentinel of a package whose
// values fn (the starting function) or its fixtures close at the end.
func (e *engine) closedSentinelGuard(instr ssa.Instruction, f *frame, fn *ssa.Function) bool {
	for _, b := range f.fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		sentinel, onTrue := closedSentinelTest(iff)
		if sentinel == nil {
			continue
		}
		if !guardLeadsTo(b, onTrue, instr.Block()) {
			continue
		}
		if e.closesPackageValueAround(fn, sentinel.Pkg()) {
			return true
		}
	}
	return false
}

// closedSentinelTest returns the sentinel an if compares an error with
// (err != X, err == X, errors.Is(err, X), negated) and whether its true
// edge is the one where the error is not X; nil when it is no such test.
func closedSentinelTest(iff *ssa.If) (*types.Var, bool) {
	cond, negated := stripNotOdd(iff.Cond)
	var sentinel *types.Var
	onTrue := true
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.NEQ && c.Op != token.EQL {
			return nil, false
		}
		if sentinel = closedSentinel(c.Y); sentinel == nil {
			sentinel = closedSentinel(c.X)
		}
		onTrue = c.Op == token.NEQ
	case *ssa.Call:
		if key, ok := calleeKey(c.Common()); ok && key.Pkg == "errors" && key.Name == "Is" && len(c.Common().Args) == 2 {
			sentinel = closedSentinel(uninterface(c.Common().Args[1]))
			onTrue = false
		}
	}
	if sentinel == nil {
		return nil, false
	}
	if negated {
		onTrue = !onTrue
	}
	return sentinel, onTrue
}

// closedSentinel returns the package-level error variable v loads when
// its name says "closed" (ErrClosed, ErrConnectionClosed, ErrServerClosed).
func closedSentinel(v ssa.Value) *types.Var {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil
	}
	g, ok := u.X.(*ssa.Global)
	if !ok {
		return nil
	}
	obj, ok := g.Object().(*types.Var)
	if !ok || obj.Pkg() == nil || !strings.HasPrefix(obj.Name(), "Err") || !strings.Contains(obj.Name(), "Closed") {
		return nil
	}
	if !isErrorType(obj.Type()) {
		return nil
	}
	return obj
}

// closesPackageValueAround reports whether fn, a function enclosing it,
// or a fixture helper one of them hands t to, defers or registers with
// t.Cleanup a Close or Shutdown of a value of package pkg.
func (e *engine) closesPackageValueAround(fn *ssa.Function, pkg *types.Package) bool {
	seen := make(map[*ssa.Function]bool)
	for f := fn; f != nil; f = f.Parent() {
		if e.closesPackageValue(f, pkg, 0, seen) {
			return true
		}
	}
	return false
}

// closesPackageValue is closesPackageValueAround for one function and the
// helpers it hands t to, depth calls down.
func (e *engine) closesPackageValue(fn *ssa.Function, pkg *types.Package, depth int, seen map[*ssa.Function]bool) bool {
	if fn == nil || seen[fn] || depth > closedSentinelDepth {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Defer:
				if closesValueOf(x.Common(), pkg) {
					return true
				}
			case *ssa.Call:
				c := x.Common()
				if IsCleanupCall(c) {
					if cleanupClosesValueOf(registeredCleanup(c), pkg) {
						return true
					}
					continue
				}
				if callee := c.StaticCallee(); callee != nil && callee.Blocks != nil && e.isLocal(callee) && passesTestingT(c) {
					if e.closesPackageValue(callee, pkg, depth+1, seen) {
						return true
					}
				}
			}
		}
	}
	return false
}

// registeredCleanup returns the function t.Cleanup registers.
func registeredCleanup(c *ssa.CallCommon) ssa.Value {
	if c.IsInvoke() {
		if len(c.Args) > 0 {
			return c.Args[0]
		}
		return nil
	}
	if len(c.Args) > 1 {
		return c.Args[1]
	}
	return nil
}

// cleanupClosesValueOf reports whether the cleanup function v closes a
// value of pkg: a bound method value (t.Cleanup(conn.Close)) or a
// function whose body calls one (t.Cleanup(func() { conn.Close() })).
func cleanupClosesValueOf(v ssa.Value, pkg *types.Package) bool {
	var body *ssa.Function
	switch x := v.(type) {
	case *ssa.MakeClosure:
		body, _ = x.Fn.(*ssa.Function)
		if body != nil {
			if obj, ok := body.Object().(*types.Func); ok && len(x.Bindings) == 1 && isCloseOf(obj, pkg) {
				return true
			}
		}
	case *ssa.Function:
		body = x
	}
	if body == nil {
		return false
	}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && closesValueOf(call.Common(), pkg) {
				return true
			}
		}
	}
	return false
}

// closesValueOf reports whether c calls Close or Shutdown on a value of
// a type of pkg.
func closesValueOf(c *ssa.CallCommon, pkg *types.Package) bool {
	if c.IsInvoke() {
		return isCloseOf(c.Method, pkg)
	}
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	return ok && isCloseOf(obj, pkg)
}

// isCloseOf reports whether m is a Close or Shutdown method of a type
// declared in pkg.
func isCloseOf(m *types.Func, pkg *types.Package) bool {
	sig, ok := m.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || m.Pkg() == nil || m.Pkg().Path() != pkg.Path() {
		return false
	}
	return m.Name() == "Close" || m.Name() == "Shutdown"
}

// passesTestingT reports whether c passes a *testing.T, *testing.B or
// testing.TB (possibly converted to an interface) among its arguments.
func passesTestingT(c *ssa.CallCommon) bool {
	for _, a := range c.Args {
		if IsTB(uninterface(a).Type()) {
			return true
		}
	}
	return false
}
