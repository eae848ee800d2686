package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// This file answers RULES' ReturnsOwned for constructors whose value owns
// a goroutine (issue 11 §3.18): a function that allocates an object,
// starts a goroutine that waits on one of the object's fields, and
// returns the object, whose Close (or Stop, Shutdown) closes that channel
// or calls that cancel function. Dropping the object without the call
// leaves the goroutine running for the life of the process, so the
// object is owed the call like a file is owed Close.
//
// What counts as the goroutine waiting on the field, all in the
// constructor's own go statement:
//   - `go obj.loop()` or `go func() { ... obj ... }()` whose body reads the
//     field (loads through obj.field);
//   - `go loop(obj.done)`: the field's value passed to the goroutine;
//   - `go run(ctx)` where ctx comes from a context.With* call whose cancel
//     function is stored in the field.
//
// The stop method must be a method of the object's own type, declared in
// this package, whose body (or a method of the same receiver it calls)
// closes the channel field or calls the func field.

// stopMethodNames are the methods, in order of preference, that end an
// object's goroutines.
var stopMethodNames = []string{"Close", "Stop", "Shutdown"}

// goroutineOwners returns the results of fn that are fresh objects
// owning a goroutine fn started, each with the method that stops it.
func (e *engine) goroutineOwners(fn *ssa.Function) []facts.Owned {
	if fn.Signature.Results().Len() == 0 || !hasGo(fn) {
		return nil
	}
	var out []facts.Owned
	seen := make(map[int]bool)
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, r := range ret.Results {
			alloc, ok := cellContent(stripConversions(r)).(*ssa.Alloc)
			if !ok || seen[i] || !alloc.Heap {
				continue
			}
			m, fields := e.stopMethod(alloc.Type())
			if m == "" {
				continue
			}
			if e.startsGoroutineOn(fn, alloc, fields) {
				seen[i] = true
				out = append(out, facts.Owned{Result: i, Methods: []string{m}})
			}
		}
	}
	return out
}

// hasGo reports whether fn has a go statement.
func hasGo(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); ok {
				return true
			}
		}
	}
	return false
}

// stripConversions returns the value v converts, through interface and
// type changes.
func stripConversions(v ssa.Value) ssa.Value {
	for i := 0; i < 4; i++ {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
	return v
}

// stopMethod returns the first of stopMethodNames that typ (a pointer to
// a struct type of this package) has, with the fields of the receiver
// it closes (channels) or calls (cancel functions).
func (e *engine) stopMethod(typ types.Type) (string, map[int]bool) {
	ptr, ok := types.Unalias(typ).(*types.Pointer)
	if !ok {
		return "", nil
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() != e.pass.Pkg {
		return "", nil
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return "", nil
	}
	prog := e.pkg.Prog
	for _, name := range stopMethodNames {
		sel := prog.MethodSets.MethodSet(typ).Lookup(e.pass.Pkg, name)
		if sel == nil {
			continue
		}
		m := prog.MethodValue(sel)
		if m == nil || m.Blocks == nil || len(m.Params) == 0 {
			continue
		}
		fields := make(map[int]bool)
		stoppedFields(m, m.Params[0], fields, 0)
		if len(fields) > 0 {
			return name, fields
		}
	}
	return "", nil
}

// stoppedFields adds to fields the fields of recv that fn closes (a
// channel) or calls (a func value), following methods fn calls on the
// same receiver a few levels deep.
func stoppedFields(fn *ssa.Function, recv ssa.Value, fields map[int]bool, depth int) {
	if depth > 2 || fn.Blocks == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call.Common().IsInvoke() {
				continue
			}
			common := call.Common()
			if bi, ok := common.Value.(*ssa.Builtin); ok {
				if bi.Name() == "close" && len(common.Args) == 1 {
					if f, ok := fieldLoadOf(common.Args[0], recv); ok {
						fields[f] = true
					}
				}
				continue
			}
			if f, ok := fieldLoadOf(common.Value, recv); ok {
				fields[f] = true // s.cancel()
				continue
			}
			if callee := common.StaticCallee(); callee != nil && len(common.Args) > 0 && common.Args[0] == recv &&
				callee.Signature.Recv() != nil && len(callee.Params) > 0 {
				stoppedFields(callee, callee.Params[0], fields, depth+1)
			}
		}
	}
}

// fieldLoadOf reports whether v is a load of a field of obj (`*(&obj.f)`),
// and which field.
func fieldLoadOf(v ssa.Value, obj ssa.Value) (int, bool) {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return 0, false
	}
	fa, ok := u.X.(*ssa.FieldAddr)
	if !ok || fa.X != obj {
		return 0, false
	}
	return fa.Field, true
}

// startsGoroutineOn reports whether a go statement of fn starts a
// goroutine that waits on one of the given fields of obj.
func (e *engine) startsGoroutineOn(fn *ssa.Function, obj *ssa.Alloc, fields map[int]bool) bool {
	cancels := cancelsStoredIn(obj, fields)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || g.Call.IsInvoke() {
				continue
			}
			if e.goWaitsOn(g, obj, fields, cancels) {
				return true
			}
		}
	}
	return false
}

// goWaitsOn reports whether the goroutine g starts waits on a stop field
// of obj.
func (e *engine) goWaitsOn(g *ssa.Go, obj *ssa.Alloc, fields map[int]bool, cancels map[ssa.Value]bool) bool {
	common := g.Call
	for _, a := range common.Args {
		a = stripConversions(a)
		if f, ok := fieldLoadOf(a, obj); ok && fields[f] || cancels[a] {
			return true // go loop(s.done), go run(ctx)
		}
	}
	var body *ssa.Function
	var inner ssa.Value
	switch v := common.Value.(type) {
	case *ssa.Function:
		body = v
		for i, a := range common.Args {
			if a == obj && i < len(v.Params) {
				inner = v.Params[i]
			}
		}
	case *ssa.MakeClosure:
		body, _ = v.Fn.(*ssa.Function)
		for i, b := range v.Bindings {
			if body == nil || i >= len(body.FreeVars) {
				break
			}
			// A captured variable is bound by its cell.
			c := stripConversions(cellContent(b))
			if c != b && body.Blocks != nil {
				if c == obj && readsCellField(body, body.FreeVars[i], fields) {
					return true
				}
				if f, ok := fieldLoadOf(c, obj); ok && fields[f] || cancels[c] {
					return true
				}
			}
			if b == obj {
				inner = body.FreeVars[i]
			}
			if f, ok := fieldLoadOf(b, obj); ok && fields[f] || cancels[b] {
				return true
			}
		}
	}
	if body == nil || body.Blocks == nil || inner == nil {
		return false
	}
	return readsField(body, inner, fields, 0)
}

// cellContent returns the value stored in v when v is the cell of a
// local variable (a captured variable lives in one) stored exactly once,
// or the value loaded from such a cell; v itself otherwise.
func cellContent(v ssa.Value) ssa.Value {
	cell := v
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		cell = u.X
	}
	alloc, ok := cell.(*ssa.Alloc)
	if !ok || alloc.Comment == "complit" {
		return v
	}
	var stored ssa.Value
	for _, ref := range referrers(alloc) {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			if stored != nil {
				return v
			}
			stored = st.Val
		}
	}
	if stored == nil {
		return v
	}
	return stored
}

// readsCellField reports whether fn reads one of the given fields of the
// object held in the captured cell fv.
func readsCellField(fn *ssa.Function, fv ssa.Value, fields map[int]bool) bool {
	for _, ref := range referrers(fv) {
		if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL && readsField(fn, u, fields, 1) {
			return true
		}
	}
	return false
}

// readsField reports whether fn reads one of the given fields of obj,
// directly or in a function literal it makes.
func readsField(fn *ssa.Function, obj ssa.Value, fields map[int]bool, depth int) bool {
	if depth > 2 {
		return false
	}
	for _, ref := range referrers(obj) {
		switch r := ref.(type) {
		case *ssa.FieldAddr:
			if fields[r.Field] {
				return true
			}
		case *ssa.MakeClosure:
			inner, _ := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == obj && inner != nil && i < len(inner.FreeVars) && readsField(inner, inner.FreeVars[i], fields, depth+1) {
					return true
				}
			}
		case ssa.CallInstruction:
			// A method of the same object that waits on the field
			// (go s.run() calling s.loop()).
			common := r.Common()
			callee := common.StaticCallee()
			if callee == nil || callee.Blocks == nil || callee.Signature.Recv() == nil || len(common.Args) == 0 || common.Args[0] != obj {
				continue
			}
			if readsField(callee, callee.Params[0], fields, depth+1) {
				return true
			}
		}
	}
	return false
}

// cancelsStoredIn returns the contexts whose cancel function is stored
// in one of the given fields of obj: `ctx, cancel := context.With*(…);
// obj.cancel = cancel`.
func cancelsStoredIn(obj *ssa.Alloc, fields map[int]bool) map[ssa.Value]bool {
	out := make(map[ssa.Value]bool)
	for _, ref := range referrers(obj) {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || !fields[fa.Field] {
			continue
		}
		for _, st := range referrers(fa) {
			store, ok := st.(*ssa.Store)
			if !ok || store.Addr != fa {
				continue
			}
			x, ok := store.Val.(*ssa.Extract)
			if !ok || x.Index != 1 {
				continue
			}
			call, ok := x.Tuple.(*ssa.Call)
			if !ok || !isContextWith(call) {
				continue
			}
			for _, cr := range referrers(call) {
				if ctx, ok := cr.(*ssa.Extract); ok && ctx.Index == 0 {
					out[ctx] = true
				}
			}
		}
	}
	return out
}

// isContextWith reports whether call is a context.With* call that
// returns a derived context and its cancel function.
func isContextWith(call *ssa.Call) bool {
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Pkg == nil && callee.Object() == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "context" {
		return false
	}
	switch obj.Name() {
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
		return true
	}
	return false
}
