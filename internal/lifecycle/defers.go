package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A DeferredRelease is a defer statement that releases something when its
// function returns: a resource (defer srv.Close(), defer os.RemoveAll(dir),
// a deferred closure that closes it, a helper that does) or a context
// (defer cancel()).
type DeferredRelease struct {
	Defer *ssa.Defer
	// Root is what it releases: the resource (the response, not its body,
	// for a response), or the context that cancel cancels.
	Root ssa.Value
	// Kind is the resource's kind, nil for a context or a value of a type
	// that is not in the table.
	Kind *Kind
	// Acq is the acquisition it releases, when the resource was acquired
	// in the same function.
	Acq *Acquisition
	// Cancel: the deferred call cancels the context Root.
	Cancel bool
	// Always: the deferred call releases Root whenever it runs, not only
	// on some paths of a deferred closure (`if err != nil { db.Close() }`).
	Always bool
}

// DeferredReleases lists the defer statements of fn that release
// something, in instruction order.
func (r *Result) DeferredReleases(fn *ssa.Function) []DeferredRelease {
	if r.e == nil {
		return nil
	}
	e := r.e
	var out []DeferredRelease
	covered := make(map[*ssa.Defer]bool)
	for _, a := range e.acqs[fn] {
		if a.Value == nil {
			continue
		}
		for _, ev := range a.Events {
			d, ok := ev.Instr.(*ssa.Defer)
			if !ok || ev.Kind != DeferRelease || covered[d] {
				continue
			}
			covered[d] = true
			dr := DeferredRelease{Defer: d, Root: a.Value, Kind: a.Kind, Acq: a, Always: e.deferAlways(d)}
			if a.Kind.Call {
				// A cancel function (gocancel's kind): what its defer
				// releases is the context it cancels.
				ctx, ok := CancelledContext(a.Value)
				if !ok {
					continue
				}
				dr.Root, dr.Kind, dr.Acq, dr.Cancel = ctx, nil, nil, true
			}
			out = append(out, dr)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok || covered[d] {
				continue
			}
			out = append(out, e.deferredReleasesOf(d)...)
		}
	}
	return out
}

// deferredReleasesOf classifies a defer that releases no acquisition of
// its function.
func (e *engine) deferredReleasesOf(d *ssa.Defer) []DeferredRelease {
	common := d.Common()
	if common.IsInvoke() {
		if e.releaseMethod(common.Value.Type(), common.Method.Name()) {
			return []DeferredRelease{{Defer: d, Root: common.Value, Kind: e.kindOf(common.Value.Type()), Always: true}}
		}
		return nil
	}
	switch fn := common.Value.(type) {
	case *ssa.MakeClosure:
		return e.closureReleases(d, fn)
	case *ssa.Function:
		if len(fn.FreeVars) > 0 {
			return nil
		}
		if fn.Signature.Recv() != nil && len(common.Args) > 0 && e.releaseMethod(common.Args[0].Type(), fn.Name()) {
			return []DeferredRelease{{Defer: d, Root: common.Args[0], Kind: e.kindOf(common.Args[0].Type()), Always: true}}
		}
		if obj, ok := fn.Object().(*types.Func); ok && len(common.Args) > 0 {
			key := FuncKeyOf(obj)
			for _, k := range e.table.kinds {
				if k.ReleasedBy(key) {
					return []DeferredRelease{{Defer: d, Root: common.Args[0], Kind: k, Always: true}}
				}
			}
		}
		s := e.summaryOf(fn)
		if s == nil {
			return nil
		}
		var out []DeferredRelease
		for i, arg := range common.Args {
			if !s.Closes.Has(i) {
				continue
			}
			dr := DeferredRelease{Defer: d, Root: arg, Kind: e.kindOf(arg.Type()), Always: true}
			if ctx, ok := CancelledContext(arg); ok {
				dr.Root, dr.Kind, dr.Cancel = ctx, nil, true
			}
			if e.isLocal(fn) && i < len(fn.Params) {
				dr.Always = e.mustRelease(fn, fn.Params[i])
			}
			out = append(out, dr)
		}
		return out
	default:
		// defer cancel()
		if ctx, ok := CancelledContext(common.Value); ok {
			return []DeferredRelease{{Defer: d, Root: ctx, Cancel: true, Always: true}}
		}
	}
	return nil
}

// closureReleases lists what a deferred closure releases among the
// variables it captured.
func (e *engine) closureReleases(d *ssa.Defer, mc *ssa.MakeClosure) []DeferredRelease {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	s := e.summaryOf(fn)
	if s == nil {
		return nil
	}
	var out []DeferredRelease
	for j, b := range mc.Bindings {
		if !s.free.Closes.Has(j) || j >= len(fn.FreeVars) {
			continue
		}
		dr := DeferredRelease{Defer: d, Root: b, Always: e.mustRelease(fn, fn.FreeVars[j])}
		if ctx, ok := CancelledContext(b); ok {
			dr.Root, dr.Cancel = ctx, true
		} else {
			dr.Kind = e.kindOf(cellElem(b.Type()))
		}
		out = append(out, dr)
	}
	return out
}

// deferAlways reports whether a defer that releases an acquisition does
// so whenever it runs: a direct release call does; a deferred closure or
// local helper must release on every one of its paths.
func (e *engine) deferAlways(d *ssa.Defer) bool {
	common := d.Common()
	if common.IsInvoke() {
		return true
	}
	switch fn := common.Value.(type) {
	case *ssa.MakeClosure:
		callee, ok := fn.Fn.(*ssa.Function)
		if !ok {
			return false
		}
		s := e.summaryOf(callee)
		if s == nil {
			return false
		}
		for j := range fn.Bindings {
			if (s.free.Closes.Has(j) || s.free.Calls.Has(j)) && j < len(callee.FreeVars) && e.mustRelease(callee, callee.FreeVars[j]) {
				return true
			}
		}
		return false
	case *ssa.Function:
		if fn.Signature.Recv() != nil || !e.isLocal(fn) || fn.Blocks == nil {
			return true
		}
		s := e.summaryOf(fn)
		if s == nil {
			return false
		}
		for i := range common.Args {
			if s.Closes.Has(i) && i < len(fn.Params) && e.mustRelease(fn, fn.Params[i]) {
				return true
			}
		}
		return false
	}
	return true
}

// releaseMethod reports whether calling method name on a value of type t
// releases it: a release method of its kind, or of any kind when its type
// is not in the table.
func (e *engine) releaseMethod(t types.Type, name string) bool {
	if k := e.kindOf(t); k != nil {
		return k.Releases(name)
	}
	return e.genericKind().Releases(name)
}

// cellElem returns the element type of a variable cell (a captured
// variable is a pointer to it), t itself otherwise.
func cellElem(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// mustRelease reports whether fn releases v (a parameter or free
// variable) on every path from its entry to a return.
func (e *engine) mustRelease(fn *ssa.Function, v ssa.Value) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	t := newTracker(e, fn)
	r := e.rootRole(v.Type())
	h := &holder{role: r, kind: e.genericKind()}
	switch {
	case isString(cellElem(v.Type())):
		k := e.stringKind()
		if k == nil {
			return false
		}
		if h = stringRoot(t, v, k); h == nil {
			return false
		}
	case r == 0:
		return false
	case r == roleContainer:
		h.fam = t.newFamily()
	}
	if k := e.kindOf(v.Type()); k != nil {
		h.kind, h.role = k, roleHandle
		if k.Field != "" {
			h.role = roleObject
		}
	}
	t.add(v, h)
	t.walk()
	kills := make(map[ssa.Instruction]bool)
	for _, ev := range t.events {
		if ev.Kind == Release || ev.Kind == DeferRelease {
			kills[ev.Instr] = true
		}
	}
	if len(kills) == 0 {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ended := false
		for _, instr := range b.Instrs {
			if kills[instr] {
				ended = true
				break
			}
			switch x := instr.(type) {
			case *ssa.Return:
				return false
			case *ssa.Panic:
				ended = true
			case *ssa.Call:
				if class, _ := e.classifyCall(x.Common()); class == exitNoReturn || class == exitFailNow {
					ended = true
				}
			}
			if ended {
				break
			}
		}
		if ended {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}

// stringKind returns the table's kind of string resources, if any.
func (e *engine) stringKind() *Kind {
	for _, k := range e.table.kinds {
		if isStringKind(k) {
			return k
		}
	}
	return nil
}

// CancelledContext reports whether v is (a variable holding) the cancel
// function of a context.WithCancel, WithTimeout or WithDeadline call (or
// their Cause variants), and returns the context that cancelling ends.
func CancelledContext(v ssa.Value) (ssa.Value, bool) {
	return cancelledContext(v, 0)
}

func cancelledContext(v ssa.Value, depth int) (ssa.Value, bool) {
	if depth > 6 {
		return nil, false
	}
	switch x := v.(type) {
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || x.Index != 1 || !IsContextWith(call.Common()) {
			return nil, false
		}
		for _, r := range referrers(call) {
			if ctx, ok := r.(*ssa.Extract); ok && ctx.Index == 0 {
				return ctx, true
			}
		}
		return nil, false
	case *ssa.Alloc:
		// A variable captured by a closure: what is stored in it.
		for _, r := range referrers(x) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == x {
				if ctx, ok := cancelledContext(st.Val, depth+1); ok {
					return ctx, true
				}
			}
		}
	case *ssa.UnOp:
		if alloc, ok := x.X.(*ssa.Alloc); ok {
			return cancelledContext(alloc, depth+1)
		}
	case *ssa.Phi:
		for _, edge := range x.Edges {
			if ctx, ok := cancelledContext(edge, depth+1); ok {
				return ctx, true
			}
		}
	case *ssa.ChangeType:
		return cancelledContext(x.X, depth+1)
	}
	return nil, false
}

// IsContextWith reports whether c calls one of context's functions that
// return a derived context and its cancel function.
func IsContextWith(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok || key.Pkg != "context" || key.Recv != "" {
		return false
	}
	switch key.Name {
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
		return true
	}
	return false
}

// processExits are the calls that end the process without running
// deferred calls.
var processExits = map[FuncKey]bool{
	{Pkg: "os", Name: "Exit"}:                     true,
	{Pkg: "syscall", Name: "Exit"}:                true,
	{Pkg: "log", Name: "Fatal"}:                   true,
	{Pkg: "log", Name: "Fatalf"}:                  true,
	{Pkg: "log", Name: "Fatalln"}:                 true,
	{Pkg: "log", Recv: "Logger", Name: "Fatal"}:   true,
	{Pkg: "log", Recv: "Logger", Name: "Fatalf"}:  true,
	{Pkg: "log", Recv: "Logger", Name: "Fatalln"}: true,
}

// IsProcessExit reports whether c ends the process without running
// deferred calls: os.Exit, log.Fatal and friends, or a function of this
// package that calls one of them on every path.
func (r *Result) IsProcessExit(c *ssa.CallCommon) bool {
	return r.e != nil && r.e.isProcessExit(c, 0)
}

func (e *engine) isProcessExit(c *ssa.CallCommon, depth int) bool {
	key, ok := calleeKey(c)
	if !ok {
		return false
	}
	if processExits[key] {
		return true
	}
	callee := c.StaticCallee()
	if callee == nil || depth > 2 || !e.isLocal(callee) || callee.Blocks == nil {
		return false
	}
	if s := e.summaryOf(callee); s == nil || !s.NoReturn {
		return false
	}
	// NoReturn also covers functions that panic, which run defers: the
	// function must reach a process exit.
	for _, b := range callee.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && e.isProcessExit(call.Common(), depth+1) {
				return true
			}
		}
	}
	return false
}

// ExitsAfter returns the process exits (IsProcessExit) reachable in its
// function from just after instr, in breadth-first order.
func (r *Result) ExitsAfter(instr ssa.Instruction) []*ssa.Call {
	var out []*ssa.Call
	start := instr.Block()
	idx := indexOf(start, instr)
	seen := make(map[*ssa.BasicBlock]bool)
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	queue := []item{{start, idx + 1}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		ended := false
		for _, x := range it.b.Instrs[it.i:] {
			if call, ok := x.(*ssa.Call); ok && r.IsProcessExit(call.Common()) {
				out = append(out, call)
				ended = true
				break
			}
		}
		if ended {
			continue
		}
		for _, s := range it.b.Succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return out
}
