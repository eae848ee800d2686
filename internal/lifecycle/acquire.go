package lifecycle

import (
	"go/types"
	"go/version"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// An Acquisition is a call that returns a fresh resource, with the verdict
// of the all-paths check.
type Acquisition struct {
	// Fn is the function that acquires it.
	Fn *ssa.Function
	// Call is the acquiring call.
	Call *ssa.Call
	// Callee is the called function or interface method; for a call of
	// a func value (a dialer parameter), a stand-in named after it.
	Callee *types.Func
	// Kind says what it is and what releases it.
	Kind *Kind
	// Result is the index of the resource among the call's results.
	Result int
	// Value is the resource; nil when the result is discarded.
	Value ssa.Value
	// Err is the call's error result, if it has one.
	Err ssa.Value
	// TestContext: acquired in a test, where t.FailNow and friends exit.
	TestContext bool

	// Events are what happens to it, in discovery order.
	Events []Event
	// Leak is the first path found that reaches an exit with the resource
	// neither released nor transferred; nil when there is none.
	Leak *Leak
	// PassingLeak, in a test, is the first path found on which the test
	// may pass (no call on it fails the test) and ends with the resource
	// still owed; nil when every leaking path is one where the test has
	// already failed (a t.Fatal before the cleanup was registered, the
	// branch where a call the test expects to fail succeeded).
	PassingLeak *Leak
	// DeferInLoop are deferred releases registered inside the loop that
	// acquires it: they run only when the function returns.
	DeferInLoop []*ssa.Defer
	// KeptOnReturn: the resource is stored in a local struct or cell
	// (a keeper) whose only fate is to be returned: it is handed on on
	// the paths that return the keeper, and Leak, if any, is a path
	// that drops it (a constructor's `return nil, err`).
	KeptOnReturn bool
	// DroppedOnErrBy: the resource was handed to this callee, which
	// keeps or releases it only when it succeeds (DropsOnErr), and Leak
	// may be a path on which it failed.
	DroppedOnErrBy *ssa.Function
	// ErrorAsserted: a test asserts on the acquiring call's error instead
	// of checking it for nil (it expects the call to fail).
	ErrorAsserted bool

	// cell: Value is the variable cell holding the resource (a receiver
	// acquisition on a captured variable), not the resource itself.
	cell bool
}

// Has reports whether any event of the given kinds happened to the
// resource itself (not to a container holding it).
func (a *Acquisition) Has(kinds ...EventKind) bool {
	for _, ev := range a.Events {
		for _, k := range kinds {
			if ev.Kind == k && ev.Direct {
				return true
			}
		}
	}
	return false
}

// Unused reports whether the function never uses the resource beyond
// comparing it with nil: it is discarded, or only looked at to see that
// it is absent.
func (a *Acquisition) Unused() bool {
	if a.Value == nil {
		return true
	}
	for _, r := range referrers(a.Value) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.BinOp:
			if !isNil(r.X) && !isNil(r.Y) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// FailPathOnly reports whether a test acquisition leaks only on paths
// where the test has already failed.
func (a *Acquisition) FailPathOnly() bool {
	return a.TestContext && a.Leak != nil && (a.PassingLeak == nil || a.ErrorAsserted && a.Unused())
}

// NeverReleased reports whether the function never releases the
// resource nor hands it on, on any path.
func (a *Acquisition) NeverReleased() bool {
	for _, ev := range a.Events {
		if !ev.Direct {
			continue
		}
		switch ev.Kind {
		case Release, DeferRelease, Transfer, Return:
			return false
		case Wrap:
			if ev.target.resolved {
				return false
			}
		}
	}
	return true
}

// Escapes reports whether the resource leaves the function or goes into
// a container in some way, or is lent to code the engine cannot see (so a
// local fix cannot be sure of it).
func (a *Acquisition) Escapes() bool {
	for _, ev := range a.Events {
		switch ev.Kind {
		case Transfer, Return, Wrap:
			return true
		case Borrow:
			if ev.Unproven {
				return true
			}
		}
	}
	return false
}

// findAcquisitions lists the calls in fn that return fresh resources:
// constructors of the table, interface methods shaped like them, and
// functions whose summary says ReturnsOwned.
func (e *engine) findAcquisitions(fn *ssa.Function) []*Acquisition {
	var out []*Acquisition
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			out = append(out, e.acquisitionsAt(fn, call)...)
		}
	}
	return out
}

func (e *engine) acquisitionsAt(fn *ssa.Function, call *ssa.Call) []*Acquisition {
	common := call.Common()
	var obj *types.Func
	var callee *ssa.Function
	if common.IsInvoke() {
		obj = common.Method
	} else if callee = common.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	results := call.Common().Signature().Results()
	if obj == nil {
		// A call of a func value: a user-supplied dialer or fetcher
		// returns a connection or response the caller owns.
		if k := e.table.shapedKind(results, true); k != nil && common.Value != nil && !e.pipeDialer(common.Value, 0) {
			obj = types.NewFunc(call.Pos(), nil, funcValueName(common.Value), common.Signature())
		} else {
			return nil
		}
	}
	newAcq := func(k *Kind, res int) *Acquisition {
		if res >= results.Len() {
			return nil
		}
		if !e.kindApplies(k, call) || k.TestOnly && !e.testCtx[fn] || underTestTempDir(k, call) {
			return nil
		}
		a := &Acquisition{Fn: fn, Call: call, Callee: obj, Kind: k, Result: res, TestContext: e.testCtx[fn]}
		if res == ReceiverResult {
			if !receiverAcquisition(a, call) {
				return nil
			}
			return a
		}
		a.Value, a.Err = resultValues(call, res)
		if k.Partner > 0 && !partnerInGoroutine(call, k.Partner) {
			return nil
		}
		return a
	}
	key := FuncKeyOf(obj)
	if c, ok := e.table.Constructor(key); ok {
		var out []*Acquisition
		for _, res := range c.results() {
			if a := newAcq(c.Kind, res); a != nil {
				out = append(out, a)
			}
		}
		return out
	}
	if common.IsInvoke() || callee == nil {
		// An interface shaped like a constructor (a Doer with
		// Do(*http.Request) (*http.Response, error), a Querier), or any
		// method or func value returning (*http.Response, error).
		c, ok := e.table.methodShaped(key.Name, results)
		if !ok {
			if k := e.table.shapedKind(results, callee == nil && !common.IsInvoke()); k != nil {
				c, ok = Constructor{Kind: k}, true
			}
		}
		if ok {
			if a := newAcq(c.Kind, c.Result); a != nil {
				return []*Acquisition{a}
			}
		}
		return nil
	}
	s := e.summaryOf(callee)
	if s == nil {
		return nil
	}
	owned := s.Owned
	if s.ReturnsCalled != 0 {
		owned = append(append([]facts.Owned(nil), owned...), e.calledOwned(common, s.ReturnsCalled)...)
	}
	var out []*Acquisition
	for _, o := range owned {
		k := e.table.KindNamed(o.Kind)
		if k == nil && o.Result < results.Len() {
			k = adHocKind(results.At(o.Result).Type(), o.Methods)
		}
		if k == nil {
			continue
		}
		if a := newAcq(k, o.Result); a != nil {
			out = append(out, a)
		}
	}
	return out
}

// shapedKind returns the kind a call with the given results acquires
// whatever its callee: any (*http.Response, error) carries a body to
// close (RULES: through a function or an interface method of any name),
// and a func value returning (net.Conn, error) is a dialer whose
// connection the caller owns.
func (t *Table) shapedKind(results *types.Tuple, funcValue bool) *Kind {
	if results.Len() != 2 || !types.Identical(results.At(1).Type(), errorType) {
		return nil
	}
	key, ok := TypeKeyOf(results.At(0).Type())
	if !ok {
		return nil
	}
	_, isPtr := types.Unalias(results.At(0).Type()).(*types.Pointer)
	switch {
	case key == TypeKey{Pkg: "net/http", Name: "Response"} && isPtr:
		return t.KindOfType(key)
	case key == TypeKey{Pkg: "net", Name: "Conn"} && funcValue:
		return t.KindOfType(key)
	}
	return nil
}

// funcValueName names a called func value in messages: the parameter,
// variable or field it was read from.
func funcValueName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return v.Name()
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok {
			if f := fieldVar(fa.X.Type(), fa.Field); f != nil {
				return f.Name()
			}
		}
		return funcValueName(v.X)
	case *ssa.Field:
		if f := fieldVar(v.X.Type(), v.Field); f != nil {
			return f.Name()
		}
	}
	return "a func value"
}

// adHocKind is the kind of a value returned by a ReturnsOwned function
// whose type is not in the table: it is released by methods.
func adHocKind(t types.Type, methods []string) *Kind {
	if len(methods) == 0 {
		return nil
	}
	k := &Kind{Release: methods, Noun: "value"}
	if key, ok := TypeKeyOf(t); ok {
		k.Type = key
		k.Noun = key.Name
	}
	return k
}

// kindApplies applies a kind's Go-version gate to the file of call.
func (e *engine) kindApplies(k *Kind, call *ssa.Call) bool {
	if k.Before == "" {
		return true
	}
	v := ""
	if f := e.fileOf(call.Pos()); f != nil {
		v = e.pass.TypesInfo.FileVersions[f]
	}
	if v == "" {
		v = e.pass.Pkg.GoVersion()
	}
	return v != "" && version.Compare(v, k.Before) < 0
}

// resultValues returns the SSA values of result res and of the error
// result (the last one, when it has type error) of call.
func resultValues(call *ssa.Call, res int) (val, err ssa.Value) {
	results := call.Common().Signature().Results()
	if results.Len() == 1 {
		return call, nil
	}
	errIdx := -1
	if types.Identical(results.At(results.Len()-1).Type(), errorType) {
		errIdx = results.Len() - 1
	}
	for _, r := range referrers(call) {
		if x, ok := r.(*ssa.Extract); ok {
			switch x.Index {
			case res:
				val = x
			case errIdx:
				err = x
			}
		}
	}
	return val, err
}

// decide tracks a's resource through its function and runs the path check.
func (e *engine) decide(a *Acquisition) {
	t := newTracker(e, a.Fn)
	if a.Value != nil {
		h := &holder{role: a.Kind.role(), kind: a.Kind}
		if a.cell {
			h = &holder{role: roleContainer, fam: t.cellFamily(nil, h, cellElem(a.Value.Type()))}
		}
		t.add(a.Value, h)
		t.txContextCancels(a, h)
	}
	t.addErr(a.Err)
	t.walk()
	t.partnerReleases(a)
	a.Events = t.events
	a.Leak = t.findLeak(a, false)
	if a.Leak != nil && t.droppedUnused(a) {
		a.Leak = nil
	}
	if a.Leak == nil && t.goDrop != nil {
		a.Leak = &Leak{Kind: LeakInGoroutine, Exit: t.goDrop}
		a.PassingLeak = a.Leak
		return
	}
	if a.Leak != nil {
		a.ErrorAsserted = t.errorAsserted()
		if a.TestContext {
			a.PassingLeak = t.findLeak(a, true)
		}
	}
	if loop := e.loopOf(a.Call.Block()); loop >= 0 {
		for _, ev := range a.Events {
			if d, ok := ev.Instr.(*ssa.Defer); ok && ev.Kind == DeferRelease && (ev.Direct || heldInCell(ev.fam)) && e.loopOf(d.Block()) == loop {
				a.DeferInLoop = append(a.DeferInLoop, d)
			}
		}
	}
}

// heldInCell reports whether fam is the variable cell that holds the
// resource itself (a variable a closure captures): a deferred closure
// that releases the cell's content releases the resource.
func heldInCell(fam *family) bool {
	if fam == nil || fam.content == nil || fam.content.fam != nil {
		return false
	}
	r := fam.content.role
	return r == roleHandle || r == roleObject
}

// owned says whether a's resource leaves its function only by being
// returned, which makes the function a constructor for its callers.
func (e *engine) owned(a *Acquisition) (facts.Owned, bool) {
	var ret *Event
	for i := range a.Events {
		ev := &a.Events[i]
		switch ev.Kind {
		case Release, DeferRelease, Transfer:
			return facts.Owned{}, false
		case Return:
			if ret == nil {
				ret = ev
			} else if ev.Index >= 0 && ev.Index != ret.Index {
				// Returned in two results: the resource and a function
				// that releases it (srv, srv.Close). The caller
				// releases it by calling the function.
				return facts.Owned{}, false
			}
		}
	}
	if ret == nil || ret.Index < 0 {
		return facts.Owned{}, false
	}
	results := a.Fn.Signature.Results()
	if ret.Index >= results.Len() {
		return facts.Owned{}, false
	}
	rt := results.At(ret.Index).Type()
	if a.Kind.Call {
		// A cancel function, possibly as a plain func() or a closure
		// that calls it: callers must call what they get.
		if key, ok := TypeKeyOf(rt); isNiladicFunc(rt) || ok && key == a.Kind.Type {
			return facts.Owned{Result: ret.Index, Kind: a.Kind.Name}, true
		}
		return facts.Owned{}, false
	}
	if ret.Direct || returnsCellContent(ret) && ownedType(a.Kind, rt) {
		if ownedType(a.Kind, rt) && a.Kind.Name != "" && e.table.KindNamed(a.Kind.Name) == a.Kind {
			return facts.Owned{Result: ret.Index, Kind: a.Kind.Name}, true
		}
		if a.Kind.Field == "" && hasMethod(rt, a.Kind.Release) {
			return facts.Owned{Result: ret.Index, Methods: methodsOf(rt, a.Kind.Release)}, true
		}
		return facts.Owned{}, false
	}
	// A wrapper holding it: callers release the wrapper.
	if ms := methodsOf(rt, e.genericKind().Release); len(ms) > 0 {
		return facts.Owned{Result: ret.Index, Methods: ms}, true
	}
	return facts.Owned{}, false
}

// returnsCellContent reports whether a return event hands back the
// resource itself through a local variable cell: a function with a defer
// returns through its result slots, and a variable a closure captures
// lives in a cell.
func returnsCellContent(ret *Event) bool {
	if ret.fam == nil || ret.fam.content == nil || ret.fam.content.fam != nil {
		return false
	}
	r := ret.fam.content.role
	return r == roleHandle || r == roleObject
}

// methodsOf returns those of names that are methods of t.
func methodsOf(t types.Type, names []string) []string {
	var out []string
	for _, n := range names {
		if hasMethod(t, []string{n}) {
			out = append(out, n)
		}
	}
	return out
}

// methodShaped finds a constructor method with the given name whose
// resource result has the type of the call's result at the same index.
func (t *Table) methodShaped(name string, results *types.Tuple) (Constructor, bool) {
	for key, c := range t.ctors {
		if key.Recv == "" || key.Name != name || c.Result < 0 || c.Result >= results.Len() {
			continue
		}
		if rk, ok := TypeKeyOf(results.At(c.Result).Type()); ok && rk == c.Kind.Type {
			return c, true
		}
	}
	return Constructor{}, false
}
