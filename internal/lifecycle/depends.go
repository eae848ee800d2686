package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file answers "which values depend on this one staying alive": a
// server's URL and client, a transaction or a store built on a database,
// a context derived from one that is cancelled, a path under a directory
// that is removed. A helper that releases a resource in a defer while
// such a value leaves it hands out something already dead (testcleanup,
// clause 2); a parallel subtest that captures one runs after its parent's
// defers (clause 3).
//
// Dependence is data flow, not ownership: results of calls and methods
// on a dependent value, its fields, values converted from it, containers
// it is stored in, closures that capture it. Data copied out (a []byte
// read from a file, a count, a decoded struct filled through a pointer
// argument) does not depend on it. Strings depend on it only when its kind
// is Located (a URL, an address, a path under a directory).

// EscapeKind says how a dependent value leaves its function.
type EscapeKind uint8

const (
	// EscReturn: returned to the caller.
	EscReturn EscapeKind = iota + 1
	// EscStore: stored where it outlives the function: a package variable,
	// a parameter's or captured variable's field, a map or slice reached
	// from one.
	EscStore
	// EscSend: sent on a channel.
	EscSend
)

// An Escape is a dependent value leaving its function.
type Escape struct {
	Kind  EscapeKind
	Instr ssa.Instruction
	Value ssa.Value
	// Self: the value is the resource itself (an alias of the root).
	Self bool
}

// Dependents are the values of one function that depend on a root value.
type Dependents struct {
	Root ssa.Value
	// Escapes lists where dependent values leave the function, in the
	// order found.
	Escapes []Escape

	values map[ssa.Value]bool // value -> self
	kind   *Kind
	// context: the root is a context its cancel ends.
	context bool
	// handOut: addresses count as data copied out (HandOutDependents).
	handOut bool
	e       *engine
	// cells are local variable cells (and containers) holding the root
	// itself: loads from them are the root again.
	cells map[ssa.Value]bool
	queue []ssa.Value
}

// Has reports whether v depends on the root (or is the root).
func (d *Dependents) Has(v ssa.Value) bool {
	_, ok := d.values[v]
	return ok
}

// Dependents follows the values of fn that depend on root, a resource of
// kind k (nil for a context or a value of unknown kind), and records
// where they leave fn.
func (r *Result) Dependents(fn *ssa.Function, root ssa.Value, k *Kind) *Dependents {
	return r.dependents(fn, root, k, false)
}

// HandOutDependents is Dependents for what a helper hands out: there the
// address of a listener or connection is data copied out as well (a port
// found free, to be bound again), while code that dials it before the
// release runs (a parallel subtest) depends on it.
func (r *Result) HandOutDependents(fn *ssa.Function, root ssa.Value, k *Kind) *Dependents {
	return r.dependents(fn, root, k, true)
}

func (r *Result) dependents(fn *ssa.Function, root ssa.Value, k *Kind, handOut bool) *Dependents {
	d := &Dependents{Root: root, values: make(map[ssa.Value]bool), cells: make(map[ssa.Value]bool), kind: k, e: r.e, handOut: handOut}
	d.context = k == nil && contextLike(cellElem(root.Type()))
	if r.e == nil {
		return d
	}
	if _, ok := root.(*ssa.Alloc); ok {
		// A variable cell captured by a deferred closure: its contents
		// are the resource.
		d.cells[root] = true
	}
	d.add(root, true)
	for len(d.queue) > 0 {
		v := d.queue[0]
		d.queue = d.queue[1:]
		for _, instr := range referrers(v) {
			d.visit(v, instr)
		}
	}
	return d
}

func (d *Dependents) add(v ssa.Value, self bool) {
	if v == nil {
		return
	}
	if old, ok := d.values[v]; ok {
		if self && !old {
			d.values[v] = true
			d.queue = append(d.queue, v)
		}
		return
	}
	d.values[v] = self
	d.queue = append(d.queue, v)
}

// derived adds v, a value computed from a dependent one, if its type can
// carry the dependence.
func (d *Dependents) derived(v ssa.Value) {
	if d.typeCarries(v.Type()) {
		d.add(v, false)
	}
}

// typeCarries reports whether a value of type t can depend on the root:
// references (pointers, interfaces, funcs, channels, maps and aggregates
// of them) and, for Located kinds, strings.
func (d *Dependents) typeCarries(t types.Type) bool {
	if d.kind != nil && d.kind.Located && holdsString(t, 0) {
		return true
	}
	if isString(t) {
		return false
	}
	if types.Identical(t, errorType) {
		return false // an error from the resource is data about it
	}
	if key, ok := TypeKeyOf(t); ok && key.Pkg == "time" {
		return false // time.Time holds a *Location, not the resource
	}
	if tup, ok := t.(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			if d.typeCarries(tup.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return mayHold(t)
}

func (d *Dependents) escape(kind EscapeKind, instr ssa.Instruction, v ssa.Value) {
	d.Escapes = append(d.Escapes, Escape{Kind: kind, Instr: instr, Value: v, Self: d.values[v]})
}

func (d *Dependents) visit(v ssa.Value, instr ssa.Instruction) {
	self := d.values[v]
	switch instr := instr.(type) {
	case *ssa.Phi, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.MultiConvert,
		*ssa.SliceToArrayPointer:
		d.add(instr.(ssa.Value), self)
	case *ssa.TypeAssert:
		d.add(instr, self)
	case *ssa.Convert:
		d.derived(instr)
	case *ssa.Extract:
		if self {
			if _, ok := instr.Tuple.(*ssa.TypeAssert); ok && instr.Index == 0 {
				d.add(instr, true)
				return
			}
		}
		d.derived(instr)
	case *ssa.FieldAddr:
		d.field(v, instr, instr.X, instr.Field)
	case *ssa.Field:
		d.field(v, instr, instr.X, instr.Field)
	case *ssa.IndexAddr, *ssa.Slice:
		d.add(instr.(ssa.Value), false)
	case *ssa.Index, *ssa.Lookup, *ssa.Range, *ssa.Next:
		d.derived(instr.(ssa.Value))
	case *ssa.UnOp:
		switch instr.Op {
		case token.MUL:
			if d.cells[v] {
				d.add(instr, true)
			} else {
				d.derived(instr)
			}
		}
	case *ssa.BinOp:
		if instr.Op == token.ADD && isString(instr.Type()) {
			d.derived(instr)
		}
	case *ssa.Store:
		if instr.Val == v {
			d.store(instr, instr.Addr, v)
		}
	case *ssa.MapUpdate:
		if instr.Value == v || instr.Key == v {
			d.store(instr, instr.Map, v)
		}
	case *ssa.Send:
		if instr.X == v {
			d.escape(EscSend, instr, v)
		}
	case *ssa.Return:
		d.escape(EscReturn, instr, v)
	case *ssa.MakeClosure:
		d.add(instr, false)
	case *ssa.Go, *ssa.Defer:
		// Goroutines and deferred calls are uses, not hand-outs.
	case *ssa.Call:
		d.call(v, instr)
	}
}

// field handles x.f where x is dependent value v.
func (d *Dependents) field(v ssa.Value, instr ssa.Value, x ssa.Value, idx int) {
	st, ok := structOf(x.Type())
	if !ok || idx >= st.NumFields() {
		return
	}
	f := st.Field(idx)
	if d.values[v] && d.kind != nil && d.kind.Field != "" {
		// resp.Body is the resource; resp.Header is data.
		if f.Name() == d.kind.Field {
			if _, isAddr := instr.(*ssa.FieldAddr); isAddr {
				d.cells[instr] = true
				d.add(instr, false)
			} else {
				d.add(instr, true)
			}
		}
		return
	}
	if _, isAddr := instr.(*ssa.FieldAddr); isAddr {
		d.add(instr, false)
		return
	}
	d.derived(instr)
}

// store handles dependent value v stored at addr: into a local container
// the container depends on it; anywhere else it escapes.
func (d *Dependents) store(instr ssa.Instruction, addr ssa.Value, v ssa.Value) {
	base := addrBase(addr)
	if outlives(base) {
		d.escape(EscStore, instr, v)
		return
	}
	if base == addr && d.values[v] {
		d.cells[base] = true
		d.add(base, false)
		if d.values[base] {
			return
		}
		// Loads from the cell are the value itself.
		for _, r := range referrers(base) {
			if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL {
				d.add(u, true)
			}
		}
		return
	}
	d.add(base, false)
}

// outlives reports whether an address based on v reaches memory that
// outlives the function: a package variable, or memory reached through a
// parameter, a captured variable, or a value loaded from one.
func outlives(v ssa.Value) bool {
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.Global, *ssa.Parameter, *ssa.FreeVar:
			return true
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = addrBase(x.X)
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// call handles dependent value v used by call c. A result depends on v
// when the call can build it on v: a standard-library function or method
// given v (srv.Client(), db.Begin(), filepath.Join(dir, name),
// bufio.NewReader(f)), a function of this or another analysed package
// whose summary says v's parameter flows to its results (NewStore(db)) or
// that returns a fresh resource made from it, and a method of an
// interface value that is v. A result of a function that merely uses v
// (loadUser(db, id)) is data copied out. For a context, only contexts
// derived from it count: whatever else a call returns was computed while
// it was live.
func (d *Dependents) call(v ssa.Value, c *ssa.Call) {
	common := c.Common()
	if IsCleanupCall(common) {
		// A cleanup function that refers to the resource (to remove a
		// file by name) is not handed to the caller.
		return
	}
	if d.context {
		if contextLike(c.Type()) || isContextTuple(c.Type()) {
			d.derived(c)
		}
		return
	}
	if common.IsInvoke() {
		if common.Value == v && !copiesOut(common.Method, d.handOut) {
			d.derived(c)
		}
		return
	}
	callee := common.StaticCallee()
	if callee == nil {
		return
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		// A synthetic wrapper or bound method: look through it.
		d.derived(c)
		return
	}
	if IsStdPath(obj.Pkg().Path()) {
		if copiesOut(obj, d.handOut) {
			return
		}
		d.derived(c)
		return
	}
	s := d.e.summaryOf(callee)
	if s == nil {
		return
	}
	if len(s.Owned) > 0 {
		d.derived(c)
		return
	}
	for i, a := range common.Args {
		if a == v && s.Returns.Has(i) {
			d.derived(c)
			return
		}
	}
}

// copiesOut reports whether a standard-library method returns data
// copied out of its receiver, which stays valid after the receiver is
// released: a file's name, directory entries and file info, and with
// addresses set, the address of a listener or connection.
func copiesOut(fn *types.Func, addresses bool) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "net", "crypto/tls":
		switch fn.Name() {
		case "Addr", "LocalAddr", "RemoteAddr":
			return addresses
		}
	case "os":
		switch fn.Name() {
		case "Name", "ReadDir", "Readdir", "Readdirnames", "Stat":
			return true
		}
	}
	return false
}

// contextLike reports whether t is or implements context.Context.
func contextLike(t types.Type) bool {
	if isContext(t) {
		return true
	}
	return hasMethod(t, []string{"Done"}) && hasMethod(t, []string{"Deadline"}) && hasMethod(t, []string{"Err"})
}

// isContextTuple reports whether t is a tuple holding a context
// (ctx, cancel := context.WithCancel(parent)).
func isContextTuple(t types.Type) bool {
	tup, ok := t.(*types.Tuple)
	if !ok {
		return false
	}
	for i := 0; i < tup.Len(); i++ {
		if contextLike(tup.At(i).Type()) {
			return true
		}
	}
	return false
}

// IsCleanupCall reports whether c calls testing's Cleanup method (on a
// *testing.T, B or F, or through testing.TB).
func IsCleanupCall(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	return ok && key.Pkg == "testing" && key.Name == "Cleanup" && key.Recv != ""
}

// calleeKey returns the key of the function or interface method c calls.
func calleeKey(c *ssa.CallCommon) (FuncKey, bool) {
	if c.IsInvoke() {
		return FuncKeyOf(c.Method), true
	}
	if callee := c.StaticCallee(); callee != nil {
		if obj, ok := callee.Object().(*types.Func); ok {
			return FuncKeyOf(obj), true
		}
	}
	return FuncKey{}, false
}

// holdsString reports whether a value of type t is or contains a string
// (a struct of paths, a slice of URLs).
func holdsString(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	if isString(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if holdsString(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Slice:
		return holdsString(u.Elem(), depth+1)
	case *types.Array:
		return holdsString(u.Elem(), depth+1)
	case *types.Pointer:
		return holdsString(u.Elem(), depth+1)
	}
	return false
}
