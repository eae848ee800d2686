package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file follows one tracked value (a fresh resource, or a parameter
// being summarised) through a function's SSA: every value that holds it
// (aliases, the release handle, containers and closures that captured it)
// and every event that releases, transfers or lends it.

// role says how a holder relates to the tracked value.
type role uint8

const (
	// roleObject: the resource whose Kind.Field holds the obligation
	// (resp, when resp.Body must be closed).
	roleObject role = iota + 1
	// roleHandle: the value the release methods are called on.
	roleHandle
	// roleFunc: a function value; calling it is the "release" (used to
	// summarise func parameters as CallsParam).
	roleFunc
	// roleClosure: a closure or bound method value that captured holders.
	roleClosure
	// roleContainer: a local aggregate, variable cell, slice, map or
	// wrapper that holds a holder somewhere inside.
	roleContainer
	// roleTuple: a tuple some components of which are holders.
	roleTuple
)

// A family groups a container and everything loaded from it. What happens
// to any member decides what storing into the container means.
type family struct {
	resolved bool
	// content describes what was stored, to type what loads produce.
	content *holder
	// parents are the families this one was stored into.
	parents []*family
	// inner are families stored into this one.
	inner []*family
	// direct: an address through which the tracked value itself is
	// reached (&resp.Body); loads from it are direct aliases.
	direct bool
	// opaque: a wrapper that cannot release what it wraps; only a release
	// through it resolves it, not handing it on.
	opaque bool
	// view: the address of the release field of an object held in a
	// container (&resp.Body where resp was loaded from a variable cell):
	// what is loaded through it belongs to the object's own family.
	view bool
	// part: a field read out of a closable value of unknown kind (a
	// parameter being summarised), holding something of it but not the
	// value itself; whole is set on families that hold the tracked value
	// (or a whole container root).
	part, whole bool
}

type holder struct {
	role role
	kind *Kind
	fam  *family
	// closure and bound: for roleClosure, the closure and the indices of
	// its bindings that hold holders.
	closure *ssa.MakeClosure
	bound   []int
	// elem: for a roleTuple from a comma-ok type assertion, the holder
	// its component 0 aliases.
	elem *holder
	// typ: the holder's value type (for content matching).
	typ types.Type
}

// EventKind classifies what an instruction does to a tracked value.
type EventKind uint8

const (
	// Release: the value is released here.
	Release EventKind = iota + 1
	// DeferRelease: a release is registered to run when the function (or
	// test) ends: defer, t.Cleanup.
	DeferRelease
	// Transfer: ownership leaves the function here (stored beyond it,
	// sent, handed to a goroutine or to code the engine cannot see).
	Transfer
	// Return: returned to the caller.
	Return
	// Borrow: lent to a callee that neither releases nor keeps it.
	Borrow
	// Wrap: stored into a local container or wrapper; the container's fate
	// decides.
	Wrap
)

// An Event is one thing that happens to a tracked value.
type Event struct {
	Kind  EventKind
	Instr ssa.Instruction
	// Callee is the function involved in a call event, when static.
	Callee *ssa.Function
	// Direct: the event acts on the tracked value itself or an alias, not
	// on the contents of a container.
	Direct bool
	// Index: for Return, the index of the result that holds it.
	Index int

	// Unproven: a Borrow by a callee the engine cannot see (a func
	// value, an interface method) or one that keeps using the value
	// after it returns (trace.Start): no local fix can be proved safe.
	Unproven bool
	// UnlessErr, when set, is the error result of the call: the callee
	// releases or keeps the value only where it is nil (its summary says
	// DropsOnErr), so the event ends the obligation on those paths only.
	UnlessErr ssa.Value
	// IfErr, when set, is the error result of the call: the callee
	// releases the value where it is non-nil (pairederr.go), so the
	// event ends the obligation on those paths only.
	IfErr ssa.Value

	// On, when set, limits the event to one CFG edge (the dispatch of a
	// select case): it acts on the paths that take that edge only.
	On *edge

	fam    *family // the holder's family (nil when Direct)
	target *family // Wrap: the container's family
}

// tracker follows one root through one function.
type tracker struct {
	e       *engine
	fn      *ssa.Function
	holders map[ssa.Value]*holder
	queue   []ssa.Value
	events  []Event
	// errs are the error values whose non-nil-ness means the root is not
	// owed (the error result of the acquiring call, and phis of it).
	errs map[ssa.Value]bool
	// nilChecks are comparisons of a direct holder with nil.
	nilChecks map[*ssa.BinOp]bool
	families  []*family
	// pool, when tracking a connection pool, is its kind: its release
	// methods called on a wrapper around it (client.CloseIdleConnections)
	// release it too.
	pool *Kind
	// passing: the path search follows only paths on which the test may
	// pass (see findLeak).
	passing bool

	// goDrop is a return of a goroutine the root was handed to, reached
	// without releasing it, although the goroutine releases it elsewhere
	// (godrop.go).
	goDrop *ssa.Return
	// rootParam, when the tracker summarises a parameter, is its index
	// plus one (recursion.go); 0 otherwise.
	rootParam int
	// from, when set, is where the path search starts instead of the
	// acquiring call (deadparent.go).
	from ssa.Instruction
}

func newTracker(e *engine, fn *ssa.Function) *tracker {
	return &tracker{
		e:         e,
		fn:        fn,
		holders:   make(map[ssa.Value]*holder),
		errs:      make(map[ssa.Value]bool),
		nilChecks: make(map[*ssa.BinOp]bool),
	}
}

func (t *tracker) newFamily() *family {
	f := &family{}
	t.families = append(t.families, f)
	return f
}

// add records v as a holder; it returns false if v already was one.
func (t *tracker) add(v ssa.Value, h *holder) bool {
	if v == nil {
		return false
	}
	if _, ok := t.holders[v]; ok {
		return false
	}
	if h.typ == nil {
		h.typ = v.Type()
	}
	t.holders[v] = h
	t.queue = append(t.queue, v)
	return true
}

// alias records v as holding the same thing as h.
func (t *tracker) alias(v ssa.Value, h *holder) {
	c := *h
	c.typ = nil
	t.add(v, &c)
}

// eventOn records an event of instr that takes effect on one edge only.
func (t *tracker) eventOn(kind EventKind, instr ssa.Instruction, on edge, h *holder) {
	t.event(kind, instr, h, nil)
	t.events[len(t.events)-1].On = &on
}

func (t *tracker) event(kind EventKind, instr ssa.Instruction, h *holder, callee *ssa.Function) {
	// A direct family is just another way to reach the tracked value; a
	// view is another way to reach its object's family.
	fam := h.fam
	for i := 0; fam != nil && fam.view && fam.content != nil && i < 8; i++ {
		fam = fam.content.fam
	}
	direct := fam == nil || fam.direct
	if direct {
		fam = nil
	}
	t.events = append(t.events, Event{Kind: kind, Instr: instr, Callee: callee, Direct: direct, fam: fam, Index: -1})
}

// addErr records err as the root's error, with the phis it flows into
// and the loads of a variable cell it is stored in (a named result whose
// address is taken). Later values stored in the same cell are treated as
// the same error: that can only hide a leak, never invent one.
func (t *tracker) addErr(err ssa.Value) {
	if err == nil || t.errs[err] {
		return
	}
	t.errs[err] = true
	for _, r := range referrers(err) {
		switch r := r.(type) {
		case *ssa.Phi:
			t.addErr(r)
		case *ssa.Store:
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == err {
				for _, load := range referrers(cell) {
					if u, ok := load.(*ssa.UnOp); ok && u.Op == token.MUL {
						t.addErr(u)
					}
				}
			}
		}
	}
}

// walk propagates from the queued holders to fixpoint, then resolves
// container families.
func (t *tracker) walk() {
	for len(t.queue) > 0 {
		v := t.queue[0]
		t.queue = t.queue[1:]
		h := t.holders[v]
		for _, instr := range referrers(v) {
			t.visit(v, h, instr)
		}
	}
	t.resolve()
}

func referrers(v ssa.Value) []ssa.Instruction {
	if refs := v.Referrers(); refs != nil {
		return *refs
	}
	return nil
}

// resolve marks families whose members were released, transferred or
// returned, and propagates: a container stored into a resolved container is
// resolved too.
func (t *tracker) resolve() {
	for _, ev := range t.events {
		if ev.fam == nil {
			continue
		}
		switch ev.Kind {
		case Release, DeferRelease:
			ev.fam.resolved = true
		case Transfer, Return:
			ev.fam.resolved = ev.fam.resolved || !ev.fam.opaque
		}
	}
	for changed := true; changed; {
		changed = false
		for _, f := range t.families {
			if f.resolved || f.opaque {
				continue
			}
			for _, p := range f.parents {
				if p.resolved {
					f.resolved = true
					changed = true
					break
				}
			}
		}
	}
}

// kills reports whether ev ends the obligation on the paths through it.
func (ev *Event) kills() bool {
	if !ev.Direct || ev.On != nil || ev.UnlessErr != nil || ev.IfErr != nil {
		return false
	}
	switch ev.Kind {
	case Release, DeferRelease, Transfer:
		return true
	case Wrap:
		return ev.target.resolved
	}
	return false
}

// visit classifies one use of holder v.
func (t *tracker) visit(v ssa.Value, h *holder, instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.Phi:
		t.alias(instr, h)
	case *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Convert, *ssa.MultiConvert, *ssa.SliceToArrayPointer:
		t.alias(instr.(ssa.Value), h)
	case *ssa.MakeInterface:
		t.alias(instr, h)
	case *ssa.TypeAssert:
		if instr.CommaOk {
			t.add(instr, &holder{role: roleTuple, fam: h.fam, elem: h})
		} else {
			t.alias(instr, h)
		}
	case *ssa.Extract:
		if h.role == roleTuple {
			t.extract(instr, h)
		}
	case *ssa.FieldAddr:
		t.field(instr, instr.X, instr.Field, h, true)
	case *ssa.Field:
		t.field(instr, instr.X, instr.Field, h, false)
	case *ssa.IndexAddr, *ssa.Slice, *ssa.Range:
		if h.role == roleContainer {
			t.add(instr.(ssa.Value), &holder{role: roleContainer, fam: h.fam})
		}
	case *ssa.Index:
		if h.role == roleContainer {
			t.load(instr, h)
		}
	case *ssa.Lookup:
		if h.role == roleContainer && instr.X == v {
			if instr.CommaOk {
				t.add(instr, &holder{role: roleTuple, fam: h.fam})
			} else {
				t.load(instr, h)
			}
		}
	case *ssa.Next:
		if h.role == roleContainer {
			t.add(instr, &holder{role: roleTuple, fam: h.fam})
		}
	case *ssa.UnOp:
		switch instr.Op {
		case token.MUL:
			if h.role == roleContainer {
				t.load(instr, h)
			}
		case token.ARROW:
			// Receiving from a channel the root was sent on: not tracked.
		}
	case *ssa.BinOp:
		if (instr.Op == token.EQL || instr.Op == token.NEQ) && (h.fam == nil || onceStoredLoad(v)) &&
			(h.role == roleObject || h.role == roleHandle || h.role == roleFunc) && (isNil(instr.X) || isNil(instr.Y)) {
			t.nilChecks[instr] = true
		}
	case *ssa.Store:
		if instr.Val == v {
			t.store(instr, instr.Addr, h)
		}
	case *ssa.MapUpdate:
		if instr.Value == v || instr.Key == v {
			t.store(instr, instr.Map, h)
		}
	case *ssa.Send:
		if instr.X == v {
			t.event(Transfer, instr, h, nil)
		}
	case *ssa.Select:
		for k, st := range instr.States {
			if st.Send == v {
				// Only the case that sends hands it over. When the cases
				// have no bodies of their own, SSA merges them: the send
				// is then certain only if every case sends it, and
				// otherwise it happens on no edge the search can tell.
				switch on, ok := selectCases(instr)[k]; {
				case ok:
					t.eventOn(Transfer, instr, on, h)
				case allSend(instr, v):
					t.event(Transfer, instr, h, nil)
				default:
					t.eventOn(Transfer, instr, edge{}, h)
				}
			}
		}
	case *ssa.Return:
		for i, r := range instr.Results {
			if r == v {
				t.event(Return, instr, h, nil)
				t.events[len(t.events)-1].Index = i
				break
			}
		}
	case *ssa.MakeClosure:
		var bound []int
		for i, b := range instr.Bindings {
			if b == v {
				bound = append(bound, i)
			}
		}
		if len(bound) > 0 {
			t.closureOf(instr, bound, h)
		}
	case ssa.CallInstruction:
		t.call(v, h, instr)
	case *ssa.Panic, *ssa.DebugRef, *ssa.If, *ssa.Jump:
		// Panicking paths are exempt; debug info is not a use.
	}
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// closureOf records a closure that captured holder h at the given binding
// indices. A closure capturing a container belongs to its family.
func (t *tracker) closureOf(mc *ssa.MakeClosure, bound []int, h *holder) {
	if old, ok := t.holders[mc]; ok {
		old.bound = append(old.bound, bound...)
		return
	}
	t.add(mc, &holder{role: roleClosure, closure: mc, bound: bound, fam: h.fam})
}

// extract handles a component of a holder tuple.
func (t *tracker) extract(x *ssa.Extract, tuple *holder) {
	if tuple.elem != nil {
		// v, ok := x.(T): component 0 is the asserted value.
		if x.Index == 0 {
			t.alias(x, tuple.elem)
		}
		return
	}
	t.load(x, tuple)
}

// field handles x.f (addr: &x.f) where x is holder h.
func (t *tracker) field(instr ssa.Value, x ssa.Value, idx int, h *holder, addr bool) {
	st, ok := structOf(x.Type())
	if !ok || idx >= st.NumFields() {
		return
	}
	f := st.Field(idx)
	switch h.role {
	case roleObject:
		if f.Name() == h.kind.Field {
			handle := &holder{role: roleHandle, kind: h.kind, fam: h.fam}
			if addr {
				// &resp.Body: loads from it are the handle.
				fam := t.cellFamily(h.fam, handle, f.Type())
				fam.view = h.fam != nil
				t.add(instr, &holder{role: roleContainer, fam: fam})
			} else {
				t.add(instr, handle)
			}
			return
		}
		t.embedded(instr, f, h, addr)
	case roleHandle:
		if f.Name() == "C" && h.kind.Type == (TypeKey{Pkg: "time", Name: "Timer"}) {
			t.timerFired(instr, addr, h)
			return
		}
		if f.Embedded() && hasMethod(f.Type(), h.kind.Release) {
			t.embedded(instr, f, h, addr)
			return
		}
		if t.releasingPart(instr, f, h, addr) {
			return
		}
		if (h.kind.Pool || t.e.table.KindOfType(h.kind.Type) == h.kind) && h.kind.Type.Pkg != "" {
			return // the internals of a table resource or a pool
		}
		// A value of unknown kind (a parameter): what it holds counts.
		fam := h.fam
		if fam == nil {
			fam = t.newFamily()
			fam.part = true
		}
		t.add(instr, &holder{role: roleContainer, fam: fam})
	case roleContainer:
		if addr {
			t.add(instr, &holder{role: roleContainer, fam: h.fam})
		} else {
			t.load(instr, h)
		}
	}
}

// embedded lets a resource embedded by another type (sqlx's Rows embeds
// *sql.Rows) be released through the embedding type's promoted method.
func (t *tracker) embedded(instr ssa.Value, f *types.Var, h *holder, addr bool) {
	if !f.Embedded() || !hasMethod(f.Type(), h.kind.Release) {
		return
	}
	if _, isPtr := types.Unalias(f.Type()).Underlying().(*types.Pointer); addr && (isPtr || types.IsInterface(f.Type())) {
		t.add(instr, &holder{role: roleContainer, fam: t.cellFamily(h.fam, h, f.Type())})
		return
	}
	t.alias(instr, h)
}

// cellFamily returns a family for an address whose loads are content. It
// is the holder's own family when it has one.
func (t *tracker) cellFamily(fam *family, content *holder, typ types.Type) *family {
	c := *content
	c.typ = typ
	if fam != nil {
		nf := t.newFamily()
		nf.content = &c
		nf.parents = []*family{fam}
		fam.inner = append(fam.inner, nf)
		return nf
	}
	// A direct alias: the address is just another way to reach it.
	nf := t.newFamily()
	nf.content = &c
	nf.direct = true
	return nf
}

// load handles a value read out of container h.
func (t *tracker) load(v ssa.Value, h *holder) {
	fam := h.fam
	if fam != nil && fam.content != nil {
		c := fam.content
		if sameOrImplements(v.Type(), c.typ) {
			n := *c
			n.typ = nil
			if !fam.direct && !fam.view {
				n.fam = fam
			} else {
				n.fam = c.fam
			}
			t.add(v, &n)
			return
		}
	}
	// Content of unknown type (a summarised parameter's fields).
	if k := t.e.kindOf(v.Type()); k != nil {
		t.add(v, &holder{role: k.role(), kind: k, fam: fam})
		return
	}
	if r := t.e.rootRole(v.Type()); r != 0 {
		t.add(v, &holder{role: r, kind: t.e.genericKind(), fam: fam})
	}
}

// store handles holder h being stored at addr (or into map addr).
func (t *tracker) store(instr ssa.Instruction, addr ssa.Value, h *holder) {
	base := addrBase(addr)
	if bh, ok := t.holders[base]; ok && bh.role == roleContainer && bh.fam != nil {
		t.wrapInto(instr, h, bh.fam)
		return
	}
	switch base.(type) {
	case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap:
		fam := t.newFamily()
		t.add(base, &holder{role: roleContainer, fam: fam})
		t.wrapInto(instr, h, fam)
		return
	}
	if t.pool != nil && freshFromStd(base) {
		// proxy := httputil.NewSingleHostReverseProxy(u); proxy.Transport = tr
		fam := t.newFamily()
		t.add(base, &holder{role: roleContainer, fam: fam})
		t.wrapInto(instr, h, fam)
		return
	}
	t.event(Transfer, instr, h, nil)
}

// freshFromStd reports whether v is the result of a call of a
// standard-library function (not a method): such results are new objects,
// never a user's long-lived one, so storing into their fields wraps.
func freshFromStd(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Signature.Recv() != nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	return ok && obj.Pkg() != nil && IsStdPath(obj.Pkg().Path())
}

// wrapInto records that h went into the container family target.
func (t *tracker) wrapInto(instr ssa.Instruction, h *holder, target *family) {
	if target.direct {
		// Storing into the cell that directly holds it: nothing changes.
		return
	}
	if target.content == nil {
		c := *h
		target.content = &c
	}
	if h.fam == nil || h.fam.whole {
		target.whole = true
	}
	if h.fam != nil && h.fam != target {
		h.fam.parents = append(h.fam.parents, target)
		target.inner = append(target.inner, h.fam)
	}
	t.events = append(t.events, Event{Kind: Wrap, Instr: instr, Direct: h.fam == nil, fam: h.fam, target: target, Index: -1})
}

// wrapResult records that v (a call result) wraps holder h.
func (t *tracker) wrapResult(instr ssa.Instruction, v ssa.Value, h *holder) *family {
	fam := t.newFamily()
	t.add(v, &holder{role: roleContainer, fam: fam})
	t.wrapInto(instr, h, fam)
	return fam
}

// addrBase strips field and index selections from an address.
func addrBase(addr ssa.Value) ssa.Value {
	for {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		default:
			return addr
		}
	}
}

func structOf(t types.Type) (*types.Struct, bool) {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// hasMethod reports whether t's method set has any of names.
func hasMethod(t types.Type, names []string) bool {
	for _, n := range names {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, n)
		if _, ok := obj.(*types.Func); ok {
			return true
		}
	}
	return false
}

// sameOrImplements reports whether a value of type got may be the stored
// value of type stored: the same type, or an interface it satisfies.
func sameOrImplements(got, stored types.Type) bool {
	if stored == nil {
		return false
	}
	if types.Identical(got, stored) {
		return true
	}
	if types.IsInterface(got) {
		return types.Implements(stored, underInterface(got)) || types.IsInterface(stored)
	}
	return false
}

func underInterface(t types.Type) *types.Interface {
	i, _ := t.Underlying().(*types.Interface)
	return i
}

// timerFired records the receives from a timer's channel (c is t.C, or
// &t.C when addr) as releases: a one-shot timer whose value was received
// has fired and holds nothing more, so a path through the receive owes no
// Stop. In a select, the release is on the edge that dispatches the case
// that received.
func (t *tracker) timerFired(c ssa.Value, addr bool, h *holder) {
	chans := []ssa.Value{c}
	if addr {
		chans = chans[:0]
		for _, ref := range *c.Referrers() {
			if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL {
				chans = append(chans, load)
			}
		}
	}
	for _, ch := range chans {
		for _, ref := range *ch.Referrers() {
			switch x := ref.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					t.event(Release, x, h, nil)
				}
			case *ssa.Select:
				for k, st := range x.States {
					if st.Chan == ch && st.Dir == types.RecvOnly {
						if on, ok := selectCases(x)[k]; ok {
							t.eventOn(Release, x, on, h)
						}
					}
				}
			}
		}
	}
}

// allSend reports whether every case of a blocking select sends v.
func allSend(sel *ssa.Select, v ssa.Value) bool {
	if !sel.Blocking {
		return false
	}
	for _, st := range sel.States {
		if st.Send != v {
			return false
		}
	}
	return true
}
