package lifecycle

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Channels reached through a field of a local struct (issue 11 §3.17): a
// function makes a struct (s := &scanner{results: make(chan int)}),
// starts a goroutine that sends on s.results, and ranges over s.results
// itself, returning early from the loop. The struct is only a slot: as
// long as its address goes nowhere but into the function's closures and
// local callees, the channel in its field is as local as one in a
// variable, and gocancel rule 2 (testcleanup's stranded goroutines)
// applies to it.

// fieldSlot is field Field of the local struct that Obj allocates.
type fieldSlot struct {
	Obj   *ssa.Alloc
	Field int
}

// storedInLocalField returns the slot that store st writes v into, when
// st stores into a field of a struct allocated in v's function.
func storedInLocalField(st *ssa.Store) (fieldSlot, bool) {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return fieldSlot{}, false
	}
	obj, ok := fa.X.(*ssa.Alloc)
	if !ok || obj.Parent() != st.Parent() {
		return fieldSlot{}, false
	}
	return fieldSlot{obj, fa.Field}, true
}

// structField follows ptr, a pointer to the struct of slot s (the
// allocation itself, a closure's free variable or a callee's parameter),
// and records what is done with the channel its field holds. Any other
// use of the pointer (stored, converted, handed to code that is not
// followed) may hand the channel on: an escape.
func (w *chanWalker) structField(ptr ssa.Value, field int, depth int) {
	if ptr == nil || w.seen[ptr] {
		return
	}
	w.seen[ptr] = true
	for _, r := range referrers(ptr) {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			if r.Field == field {
				w.fieldAddr(r, depth)
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for j, b := range r.Bindings {
				if b == ptr && j < len(fn.FreeVars) {
					w.structField(fn.FreeVars[j], field, depth)
				}
			}
		case ssa.CallInstruction:
			common := r.Common()
			callee := common.StaticCallee()
			if common.Value == ptr || callee == nil || callee.Blocks == nil || !w.e.isLocal(callee) || common.IsInvoke() || depth >= maxChanDepth {
				w.op(opEscape, r, -1)
				continue
			}
			for i, a := range common.Args {
				if a == ptr && i < len(callee.Params) {
					w.calls[r] = callee
					w.structField(callee.Params[i], field, depth+1)
				}
			}
		case *ssa.Store:
			if r.Val != ptr {
				continue
			}
			// The variable a closure captures the pointer by.
			cell, ok := r.Addr.(*ssa.Alloc)
			if !ok || !w.localCell(cell) {
				w.op(opEscape, r, -1)
				continue
			}
			w.structCell(cell, field, depth)
		case *ssa.DebugRef, *ssa.BinOp:
		default:
			w.op(opEscape, r, -1)
		}
	}
}

// structCell follows the loads of a variable cell holding the pointer to
// the struct, in its function and the closures that captured it.
func (w *chanWalker) structCell(cell ssa.Value, field int, depth int) {
	if w.seen[cell] {
		return
	}
	w.seen[cell] = true
	for _, r := range referrers(cell) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				w.structField(r, field, depth)
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for j, b := range r.Bindings {
				if b == cell && j < len(fn.FreeVars) {
					w.structCell(fn.FreeVars[j], field, depth)
				}
			}
		case *ssa.Store:
			if r.Val == cell {
				w.op(opEscape, r, -1)
			}
		case *ssa.DebugRef:
		default:
			w.op(opEscape, r, -1)
		}
	}
}

// fieldAddr records the loads of the field's channel and what else is
// stored there.
func (w *chanWalker) fieldAddr(fa *ssa.FieldAddr, depth int) {
	for _, r := range referrers(fa) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				w.value(r, depth)
			} else {
				w.op(opEscape, r, -1)
			}
		case *ssa.Store:
			if r.Addr == fa && !isFresh(r.Val) && !w.seen[r.Val] {
				// Another channel in the same slot.
				w.use.foreign = true
			}
		case *ssa.DebugRef:
		default:
			w.op(opEscape, r, -1)
		}
	}
}

// localStructOf returns the struct allocated in fn that binding v of a go
// statement points to: the allocation itself, a load of the variable
// holding it, or that variable's cell (viaCell), which a closure
// captures.
func localStructOf(fn *ssa.Function, v ssa.Value) (obj *ssa.Alloc, viaCell bool) {
	switch x := v.(type) {
	case *ssa.Alloc:
		if inner := storedAlloc(x); inner != nil {
			obj, viaCell = inner, true
		} else {
			obj = x
		}
	case *ssa.UnOp:
		if cell, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
			obj = storedAlloc(cell)
		}
	}
	if obj == nil || obj.Parent() != fn {
		return nil, false
	}
	return obj, viaCell
}

// storedAlloc returns the local struct allocation the only store into
// cell writes, or nil.
func storedAlloc(cell *ssa.Alloc) *ssa.Alloc {
	var obj *ssa.Alloc
	for _, r := range referrers(cell) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
			a, ok := st.Val.(*ssa.Alloc)
			if !ok || obj != nil {
				return nil
			}
			obj = a
		}
	}
	return obj
}

// fieldOf returns the field of obj that mc is stored into.
func fieldOf(obj *ssa.Alloc, mc *ssa.MakeChan) (int, bool) {
	for _, r := range referrers(mc) {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != mc {
			continue
		}
		if slot, ok := storedInLocalField(st); ok && slot.Obj == obj {
			return slot.Field, true
		}
	}
	return 0, false
}

// fieldChans lists the channels made in fn and stored in fields of the
// local struct that binding v points to.
func fieldChans(fn *ssa.Function, v ssa.Value) []*ssa.MakeChan {
	obj, _ := localStructOf(fn, v)
	if obj == nil {
		return nil
	}
	var out []*ssa.MakeChan
	for _, r := range referrers(obj) {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, u := range referrers(fa) {
			if st, ok := u.(*ssa.Store); ok && st.Addr == fa {
				if mc, ok := st.Val.(*ssa.MakeChan); ok && mc.Parent() == fn {
					out = append(out, mc)
				}
			}
		}
	}
	return out
}
