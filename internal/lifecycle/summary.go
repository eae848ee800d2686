package lifecycle

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// summary is what a caller needs to know about a function. facts.Func
// covers parameters; free covers a closure's free variables.
type summary struct {
	facts.Func
	free facts.Func
	// defers: function arguments run when the test ends (t.Cleanup).
	defers bool
	// wraps: a Returns result forwards Release to what it wraps.
	wraps bool
	// derives: results may wrap non-receiver arguments (the default for
	// standard-library functions: bufio.NewReader(f)).
	derives bool
	// lends: arguments are used until the named function of the same
	// package is called (trace.Start(f) until trace.Stop): see
	// builtin.Lends.
	lends string
	// freeDrops: free variables a closure releases on some paths only,
	// each with a return it reaches still holding the value (a go
	// closure that gives up early without closing what it was handed).
	freeDrops map[int]*ssa.Return
}

// summaryOf returns fn's summary, or nil when nothing is known about it:
// a dynamic or unanalysed callee, or a recursive call still being
// summarised. Nil means "assume it takes ownership".
func (e *engine) summaryOf(fn *ssa.Function) *summary {
	if fn == nil {
		return nil
	}
	if s, ok := e.summaries[fn]; ok {
		return s
	}
	if e.busy[fn] {
		return nil
	}
	var s *summary
	if fn.Blocks != nil && e.isLocal(fn) {
		e.busy[fn] = true
		e.recur.enter(fn)
		s = e.summarise(fn)
		delete(e.busy, fn)
		// Summaries computed under an assumption about fn are stale now
		// (recursion.go): computed again when next asked.
		for _, stale := range e.recur.leave(fn) {
			delete(e.summaries, stale)
		}
	} else {
		s = e.external(fn)
	}
	e.summaries[fn] = s
	return s
}

// isLocal reports whether fn's body belongs to this package's analysis:
// its functions, closures, instances and synthetic wrappers.
func (e *engine) isLocal(fn *ssa.Function) bool {
	if fn.Pkg == e.pkg {
		return true
	}
	if o := fn.Origin(); o != nil && o.Pkg == e.pkg {
		return true
	}
	// Wrappers and bound-method closures the builder synthesised.
	return fn.Synthetic != "" && fn.Pkg == nil
}

// external summarises a function of another package from the built-in
// table, the standard-library default, or the facts its package exported.
func (e *engine) external(fn *ssa.Function) *summary {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return nil
	}
	obj = obj.Origin()
	if b, ok := lookupBuiltin(FuncKeyOf(obj)); ok {
		return &summary{Func: b.Func, defers: b.Defers, wraps: b.Wraps, lends: b.Lends}
	}
	if IsStdPath(obj.Pkg().Path()) {
		s := &summary{derives: true}
		sig := obj.Signature()
		off := 0
		if sig.Recv() != nil {
			off = 1
		}
		for i := 0; i < sig.Params().Len(); i++ {
			if _, ok := sig.Params().At(i).Type().Underlying().(*types.Signature); ok {
				s.Calls = s.Calls.With(i + off)
			}
		}
		return s
	}
	var f facts.Func
	if e.pass.ImportObjectFact(obj, &f) {
		return &summary{Func: f}
	}
	if e.packageAnalyzed(obj.Pkg()) && !e.declaredUnsummarised(obj) {
		return &summary{}
	}
	return nil
}

func (e *engine) packageAnalyzed(p *types.Package) bool { return e.analyzedFact(p) != nil }

// analyzedFact returns the Analyzed fact of package p, nil if the engine
// never analysed it.
func (e *engine) analyzedFact(p *types.Package) *facts.Analyzed {
	if a, seen := e.analyzed[p]; seen {
		return a
	}
	a := new(facts.Analyzed)
	if !e.pass.ImportPackageFact(p, a) {
		a = nil
	}
	e.analyzed[p] = a
	return a
}

// summarise computes the summary of a function with a body in this package.
func (e *engine) summarise(fn *ssa.Function) *summary {
	s := &summary{}
	// A summary computed again (recursion.go) finds its acquisitions again.
	delete(e.acqs, fn)
	for i, p := range fn.Params {
		summariseRoot(e, fn, p, i, &s.Func)
	}
	s.ReturnsCalled = returnsCalled(fn)
	s.PipeResults = e.pipeResults(fn)
	s.Drains = e.drainedParams(fn)
	for j, fv := range fn.FreeVars {
		t := summariseRoot(e, fn, fv, j, &s.free)
		if ret := partialRelease(t, fv, s.free, j); ret != nil {
			if s.freeDrops == nil {
				s.freeDrops = make(map[int]*ssa.Return)
			}
			s.freeDrops[j] = ret
		}
	}
	e.controlFacts(fn, s)

	// Acquisitions: decide each one's fate; fresh resources that only
	// leave by return make this function a constructor (ReturnsOwned).
	for _, a := range e.findAcquisitions(fn) {
		e.decide(a)
		e.acqs[fn] = append(e.acqs[fn], a)
		if o, ok := e.owned(a); ok && !slices.ContainsFunc(s.Owned, func(x facts.Owned) bool { return x.Result == o.Result }) {
			s.Owned = append(s.Owned, o)
		}
	}
	for _, o := range e.goroutineOwners(fn) {
		if !slices.ContainsFunc(s.Owned, func(x facts.Owned) bool { return x.Result == o.Result }) {
			s.Owned = append(s.Owned, o)
		}
	}
	return s
}

// summariseRoot tracks parameter (or free variable) v, index i, sets the
// bits of f that its events imply, and returns the tracker (nil when
// values of v's type hold nothing to track).
func summariseRoot(e *engine, fn *ssa.Function, v ssa.Value, i int, f *facts.Func) *tracker {
	r := e.rootRole(v.Type())
	if r == 0 {
		summariseStringRoot(e, fn, v, i, f)
		return nil
	}
	t := newTracker(e, fn)
	if _, ok := v.(*ssa.Parameter); ok {
		t.rootParam = i + 1
	}
	h := &holder{role: r, kind: e.genericKind()}
	if r == roleContainer {
		h.fam = t.newFamily()
		h.fam.whole = true
	}
	if k := e.kindOf(v.Type()); k != nil {
		h.kind = k
		h.role = k.role()
	}
	t.add(v, h)
	t.walk()
	before := f.Closes | f.Takes | f.Returns
	defer func() {
		if (f.Closes|f.Takes|f.Returns)&^before != 0 && t.dropsOnErr() {
			f.DropsOnErr = f.DropsOnErr.With(i)
			if t.dropsOnlyOnGivenErr() {
				f.PairedErr = f.PairedErr.With(i)
			}
		}
	}()
	var everyPath, partsCount *bool
	isRecv := i == 0 && fn.Signature.Recv() != nil && t.rootParam == 1
	for _, ev := range t.events {
		if isRecv && !ev.Direct && (ev.Kind == Release || ev.Kind == DeferRelease) {
			// A part of the receiver released on some paths only, by
			// a method whose name does not say so (partrelease.go).
			if partsCount == nil {
				b := t.partReleaseCounts()
				partsCount = &b
			}
			if !*partsCount {
				continue
			}
		}
		if ev.On != nil && ev.Kind == Release {
			// Released on some edges only (rows drained by a loop):
			// a release only if no path returns around it, or only
			// paths that return an error (then DropsOnErr says so).
			if everyPath == nil {
				b := t.releasedOnEveryPath() || t.releasedUnlessErr()
				everyPath = &b
			}
			if !*everyPath {
				continue
			}
		}
		switch ev.Kind {
		case Release, DeferRelease:
			if r == roleFunc {
				f.Calls = f.Calls.With(i)
			}
			f.Closes = f.Closes.With(i)
		case Transfer:
			if !f.Takes.Has(i) && i > 0 && t.keptInReceiver() {
				f.KeepsInRecv = f.KeepsInRecv.With(i)
			}
			f.Takes = f.Takes.With(i)
		case Return:
			if ev.onlyPart() {
				// Handing back a piece of a closable value (sqlx's
				// QueryRowx returning a Row built from the statement's
				// mapper) does not hand back the value: it is borrowed.
				continue
			}
			f.Returns = f.Returns.With(i)
		}
	}
	return t
}

// partialRelease returns a return of t's function reached without
// releasing root (index i) when f says the function closes it on some
// path, or nil. A root compared with nil is left alone: the path that skips
// the release may be the one where there is nothing to release.
func partialRelease(t *tracker, root ssa.Value, f facts.Func, i int) *ssa.Return {
	if t == nil || !f.Closes.Has(i) || f.Calls.Has(i) || f.Takes.Has(i) || len(t.nilChecks) > 0 {
		return nil
	}
	var cell *family
	if h := t.holders[root]; h != nil && h.role == roleContainer && isCellOfHandle(root.Type()) {
		// A captured variable: what releases its content releases it.
		cell = h.fam
	}
	return t.unreleasedReturn(cell)
}

// kindOf returns the table kind of values of type t, if any. A pointer
// to an interface or pointer is a variable cell holding a resource, not a
// resource.
func (e *engine) kindOf(t types.Type) *Kind {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		switch p.Elem().Underlying().(type) {
		case *types.Interface, *types.Pointer, *types.Signature:
			return nil
		}
	}
	if key, ok := TypeKeyOf(t); ok {
		return e.table.KindOfType(key)
	}
	return nil
}

// genericKind is the kind of a value whose type is not in the table: any
// release method name releases it.
func (e *engine) genericKind() *Kind {
	if e.generic == nil {
		e.generic = &Kind{Name: "", Release: e.table.releaseNames(), Noun: "value"}
	}
	return e.generic
}

// rootRole decides how to track a parameter of type t, or 0 when values
// of t cannot hold a resource.
func (e *engine) rootRole(t types.Type) role {
	if k := e.kindOf(t); k != nil {
		return k.role()
	}
	t = types.Unalias(t)
	if _, ok := t.(*types.TypeParam); ok {
		return roleHandle
	}
	if types.Identical(t, errorType) {
		return 0
	}
	switch u := t.Underlying().(type) {
	case *types.Signature:
		return roleFunc
	case *types.Interface:
		return roleHandle
	case *types.Pointer:
		if hasMethod(t, e.genericKind().Release) {
			return roleHandle
		}
		if mayHold(u.Elem()) {
			return roleContainer
		}
	case *types.Struct, *types.Slice, *types.Array, *types.Map:
		if hasMethod(t, e.genericKind().Release) {
			return roleHandle
		}
		if mayHold(t) {
			return roleContainer
		}
	}
	return 0
}

// onlyPart reports whether ev acts on something read out of a closable
// value's fields, and not on the value itself or a container holding it.
func (ev *Event) onlyPart() bool {
	return ev.fam != nil && !ev.fam.whole && ev.fam.hasPart()
}

// hasPart reports whether f is, or holds (through up to eight levels of
// containers), a part family.
func (f *family) hasPart() bool {
	return f.hasPartDepth(0)
}

func (f *family) hasPartDepth(depth int) bool {
	if f.part {
		return true
	}
	if depth >= 8 {
		return false
	}
	for _, in := range f.inner {
		if in.hasPartDepth(depth + 1) {
			return true
		}
	}
	return false
}

// isCellOfHandle reports whether t is a pointer to a value with a release
// method: the variable cell through which a closure captures a resource.
func isCellOfHandle(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	_, isPtr := p.Elem().Underlying().(*types.Pointer)
	return isPtr || types.IsInterface(p.Elem())
}
