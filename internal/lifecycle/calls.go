package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// call classifies a call, defer or go statement that uses holder v.
func (t *tracker) call(v ssa.Value, h *holder, instr ssa.CallInstruction) {
	common := instr.Common()
	_, deferred := instr.(*ssa.Defer)
	t.exhaustion(v, h, instr)
	if g, ok := instr.(*ssa.Go); ok && t.e.goNeverReturns(g) {
		// The goroutine holds it for as long as it runs, which is
		// forever: releasing it here would pull it from under the
		// goroutine, and the leak is the goroutine's (gocancel).
		t.event(Transfer, instr, h, nil)
		return
	}

	if common.IsInvoke() {
		if common.Value == v {
			switch {
			case t.releasedBy(h, common.Method.Name()):
				t.release(instr, h, nil, deferred)
			case t.wrapperReleases(v, h, common.Method, instr, deferred):
				// A wrapper's method under another name released what it
				// holds (WriteAndClose).
			case t.appliesItself(h, common):
				// An option (New(writerOpt{f})) whose method stores
				// what it holds into the object it configures.
				t.event(Transfer, instr, h, nil)
			}
			// Any other method of the value itself only uses it.
		}
		for i, a := range common.Args {
			if a != v {
				continue
			}
			if s := t.e.callSummary(common); s != nil {
				// A method the built-in table knows (testing.TB's
				// Cleanup): the receiver counts as parameter 0.
				t.argWith(instr, nil, i+1, h, deferred, s)
				continue
			}
			// Handed to an implementation the engine cannot see: it
			// borrows, unless something says it may keep the value.
			if t.dynamicKeeps(instr, h, common, i+1) {
				t.event(Transfer, instr, h, nil)
				return
			}
			t.unprovenBorrow(instr, h)
			continue
		}
		return
	}

	if common.Value == v {
		switch h.role {
		case roleClosure:
			t.consumeClosure(instr, h, deferred)
		case roleFunc:
			t.release(instr, h, nil, deferred)
		}
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		t.builtinCall(instr, b, h)
		return
	}
	callee := common.StaticCallee()
	if callee == nil {
		callee = t.e.boundCallee(t.fn, common.Value)
	}
	for i, a := range common.Args {
		if a == v {
			t.arg(instr, callee, i, h, deferred)
		}
	}
}

// releasedBy reports whether calling method name on holder h releases it.
func (t *tracker) releasedBy(h *holder, name string) bool {
	switch h.role {
	case roleHandle:
		return h.kind.Releases(name)
	case roleContainer:
		// Closing a wrapper (an io.ReadCloser around the body) closes what
		// it wraps.
		return t.e.genericKind().Releases(name) || t.pool != nil && t.pool.Releases(name)
	}
	return false
}

func (t *tracker) release(instr ssa.Instruction, h *holder, callee *ssa.Function, deferred bool) {
	if deferred {
		t.event(DeferRelease, instr, h, callee)
	} else {
		t.event(Release, instr, h, callee)
	}
}

// arg classifies holder h passed as argument i of a static call to callee
// (nil when the callee is dynamic).
func (t *tracker) arg(instr ssa.CallInstruction, callee *ssa.Function, i int, h *holder, deferred bool) {
	if callee == nil {
		// A func value: it borrows, unless something says it may keep
		// the value.
		if t.dynamicKeeps(instr, h, instr.Common(), i) || t.handsBack(instr, h) {
			t.event(Transfer, instr, h, nil)
		} else {
			t.unprovenBorrow(instr, h)
		}
		return
	}
	if mc, j := returnedClosureOver(callee, i); mc != nil {
		if call, ok := instr.(*ssa.Call); ok {
			// The result is a closure over the value: what calling it
			// does to the value decides (t.Cleanup(cleanDir(dir))).
			t.add(call, &holder{role: roleClosure, closure: mc, bound: []int{j}, fam: h.fam})
			return
		}
	}
	isRecv := i == 0 && callee.Signature.Recv() != nil
	// A release method of the value itself, or a function that releases
	// what it is given (os.RemoveAll). A wrapper's own Close is judged by
	// its summary instead: gzip.Reader.Close, say, does not close the body
	// it reads.
	if isRecv && h.role == roleHandle && h.kind.Releases(callee.Name()) || i == 0 && releasedByFunc(h, callee) || drainedBy(h, callee, i) || t.drainedByCallee(h, callee, i) ||
		isRecv && h.role == roleContainer && t.pool != nil && t.pool.Releases(callee.Name()) {
		// (A tracked pool is also shut down through the client that
		// wraps it: client.CloseIdleConnections closes its transport's
		// idle connections.)
		t.release(instr, h, callee, deferred)
		return
	}
	s := t.e.summaryOf(callee)
	if s == nil {
		if t.recursesOnRoot(callee, i) {
			// Back to the parameter being summarised: adds nothing.
			t.event(Borrow, instr, h, callee)
			return
		}
		t.event(Transfer, instr, h, callee)
		return
	}
	t.argWith(instr, callee, i, h, deferred, s)
}

// argWith classifies holder h passed as argument i of a call whose
// summary is s; callee is nil for an interface method.
func (t *tracker) argWith(instr ssa.CallInstruction, callee *ssa.Function, i int, h *holder, deferred bool, s *summary) {
	isRecv := i == 0 && callee != nil && callee.Signature.Recv() != nil
	handled := false
	first := len(t.events)
	paired := s.DropsOnErr.Has(i) && s.PairedErr.Has(i) && s.Returns.Has(i) && t.passesOwnErr(instr)
	if paired && h.role != roleClosure {
		// Closed (or, when the callee fails only on the error it was
		// given, nil) where it fails, kept by the result where it
		// succeeds (pairederr.go): nothing is owed where the call's
		// own error is non-nil.
		t.releaseIfErr(instr, h, callee)
		handled = true
	} else if s.Closes.Has(i) || s.Calls.Has(i) {
		if h.role == roleClosure {
			t.consumeClosure(instr, h, deferred || s.defers)
		} else {
			t.release(instr, h, callee, deferred || s.defers)
		}
		handled = true
	}
	if s.Takes.Has(i) {
		if !(s.KeepsInRecv.Has(i) && (t.keptInTracked(instr) || t.keepInLocalReceiver(instr, h))) {
			t.event(Transfer, instr, h, callee)
		}
		handled = true
	}
	if s.DropsOnErr.Has(i) && !paired {
		t.onlyWithoutErr(instr, first)
	}
	if s.Returns.Has(i) {
		t.results(instr, h, s.wraps, false, true)
		handled = true
		if s.DropsOnErr.Has(i) && !paired {
			t.onlyWithoutErr(instr, first)
		}
	} else if s.derives && !isRecv && callee != nil {
		t.results(instr, h, false, readsThrough(callee, i), false)
	}
	switch {
	case handled:
	case s.lends != "" && callee != nil:
		if t.callsPackageFunc(callee, s.lends) {
			t.unprovenBorrow(instr, h)
		} else {
			t.event(Transfer, instr, h, callee)
		}
	default:
		t.event(Borrow, instr, h, callee)
	}
}

// consumeClosure applies what a closure does with the holders it captured
// when it is called (deferred: when it is registered to run at exit).
func (t *tracker) consumeClosure(instr ssa.Instruction, h *holder, deferred bool) {
	fn, _ := h.closure.Fn.(*ssa.Function)
	s := t.e.summaryOf(fn)
	if s == nil {
		t.event(Transfer, instr, h, fn)
		return
	}
	released, taken := false, false
	for _, j := range h.bound {
		released = released || s.free.Closes.Has(j) || s.free.Calls.Has(j)
		taken = taken || s.free.Takes.Has(j)
	}
	switch {
	case released:
		t.release(instr, h, fn, deferred)
		if _, ok := instr.(*ssa.Go); ok {
			t.noteGoDrop(h, s)
		}
	case taken:
		t.event(Transfer, instr, h, fn)
	default:
		t.event(Borrow, instr, h, fn)
	}
}

// readsThrough reports whether parameter i of a standard-library callee
// is a reader interface (io.Reader): a wrapper built on it reads through
// the value but cannot release it.
func readsThrough(callee *ssa.Function, i int) bool {
	sig := callee.Signature
	if sig.Recv() != nil {
		i--
	}
	params := sig.Params()
	if i < 0 || params.Len() == 0 {
		return false
	}
	if i >= params.Len() {
		i = params.Len() - 1
	}
	t := params.At(i).Type()
	if sig.Variadic() && i == params.Len()-1 {
		if sl, ok := t.(*types.Slice); ok {
			t = sl.Elem()
		}
	}
	// Readers consume what they wrap; writers (a log.Logger, a bufio.Writer
	// kept for the life of the process) are sinks whose owner keeps the
	// file open on purpose.
	return hasMethod(t, []string{"Read"}) && !hasMethod(t, []string{"Write"})
}

// results marks the results of call instr as holding h: the same value
// when the types agree or the callee is a known wrapper, a container
// wrapping it otherwise. An opaque wrapper (bufio.NewReader(f)) reads
// through the value but gives no way to release it: handing it on does
// not hand on the obligation.
//
// returned says the callee hands back the argument or something inside
// it (ReturnsParam): a result that is itself a table resource (gorm's
// db.DB() returning its *sql.DB) is then the handle that releases it.
func (t *tracker) results(instr ssa.CallInstruction, h *holder, wraps, opaque, returned bool) {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return
	}
	each := func(r ssa.Value) {
		switch {
		case !mayHold(r.Type()):
		case wraps && (h.role == roleHandle || h.role == roleObject):
			t.alias(r, &holder{role: roleHandle, kind: h.kind, fam: h.fam})
		case types.Identical(r.Type(), h.typ) || types.IsInterface(r.Type()) && sameOrImplements(r.Type(), h.typ):
			t.alias(r, h)
		case returned && t.e.kindOf(r.Type()) != nil && t.e.kindOf(r.Type()).Field == "":
			t.alias(r, &holder{role: roleHandle, kind: t.e.kindOf(r.Type()), fam: h.fam})
		default:
			fam := t.wrapResult(call, r, h)
			fam.opaque = opaque && !hasMethod(r.Type(), t.e.genericKind().Release) && !isRequest(r.Type())
		}
	}
	if _, isTuple := call.Type().(*types.Tuple); !isTuple {
		each(call)
		return
	}
	for _, ref := range referrers(call) {
		if x, ok := ref.(*ssa.Extract); ok {
			each(x)
		}
	}
}

// isRequest: an *http.Request carries its body to the client, which
// closes it.
func isRequest(t types.Type) bool {
	key, ok := TypeKeyOf(t)
	return ok && key == TypeKey{Pkg: "net/http", Name: "Request"}
}

// builtinCall handles append and the other built-in functions.
func (t *tracker) builtinCall(instr ssa.CallInstruction, b *ssa.Builtin, h *holder) {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return
	}
	switch b.Name() {
	case "append":
		if h.role == roleContainer {
			t.add(call, &holder{role: roleContainer, fam: h.fam})
		} else {
			t.wrapResult(call, call, h)
		}
	case "ssa:wrapnilchk":
		t.alias(call, h)
	}
}

// mayHold reports whether a value of type t can hold a reference to a
// resource: pointers, interfaces other than error, functions, channels,
// maps, and aggregates of those.
func mayHold(t types.Type) bool {
	return mayHoldDepth(t, 0)
}

func mayHoldDepth(t types.Type, depth int) bool {
	if depth > 4 {
		return true
	}
	t = types.Unalias(t)
	if _, ok := t.(*types.TypeParam); ok {
		return true
	}
	if types.Identical(t, errorType) {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Pointer, *types.Interface, *types.Signature, *types.Chan, *types.Map:
		return true
	case *types.Slice:
		return mayHoldDepth(u.Elem(), depth+1)
	case *types.Array:
		return mayHoldDepth(u.Elem(), depth+1)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if mayHoldDepth(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if mayHoldDepth(u.At(i).Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()

// appliesItself reports whether an interface method called on holder h
// may store what h holds into one of its arguments: h is not a resource
// of the table but something carrying one (an option value wrapping a
// file, a parameter of unknown kind), and the method is given a pointer
// to a struct of this module or a dependency, the shape of
// `opt.apply(&cfg)`. A method of a resource itself only borrows it.
func (t *tracker) appliesItself(h *holder, common *ssa.CallCommon) bool {
	if h.role != roleContainer && (h.role != roleHandle || h.kind != t.e.genericKind()) {
		return false
	}
	for _, a := range common.Args {
		if isConfigurable(a.Type()) {
			return true
		}
	}
	return false
}

// isConfigurable reports whether t is a pointer to a named struct type
// declared outside the standard library: an object a method can store
// into.
func isConfigurable(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || IsStdPath(n.Obj().Pkg().Path()) {
		return false
	}
	_, isStruct := n.Underlying().(*types.Struct)
	return isStruct
}

// wrapperReleases records a release when h is a wrapper (a container, or
// a handle of the generic kind) whose method m, under another name than
// a release, releases what it holds, and reports whether it did.
func (t *tracker) wrapperReleases(v ssa.Value, h *holder, m *types.Func, instr ssa.CallInstruction, deferred bool) bool {
	if h.role != roleContainer && !(h.role == roleHandle && h.kind == t.e.genericKind()) {
		return false
	}
	fn, ok := t.invokeReleases(v, m)
	if ok {
		t.release(instr, h, fn, deferred)
	}
	return ok
}
