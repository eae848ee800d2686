package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A cancel function dropped before its context was used leaks nothing
// when the parent is context.Background or TODO: such a parent never
// registers its children, so the dropped context is garbage, and only a
// goroutine that waits on it (or on a context derived from it) could be
// stranded. A constructor that stores `cc.ctx, cc.cancel =
// context.WithCancel(context.Background())` in the struct it builds and
// returns `nil, err` on a bad option, before anything reads cc.ctx,
// drops both together.
//
// go vet's lostcancel does not look at the parent: it reports a local
// cancel variable not used on every path, even under Background, and
// skips a cancel stored anywhere else (a field). gocancel reports only
// what lostcancel misses, so this rule matters for those stores.
//
// The rule is kept narrow so that it stays sound: the parent is a direct
// call of context.Background or context.TODO, the constructor is
// WithCancel or WithCancelCause (a timer of WithTimeout keeps its
// context until it fires), and the context is stored only in a variable
// or a field of a struct this function allocated. Every instruction that
// may hand the context on (a use of it, a read of that field, the struct
// itself passed anywhere a callee might read the field) counts as a use;
// the drop is harmless when no leaking exit is reachable from any use.

// droppedUnused reports whether every leaking path of a, an acquisition
// of a cancel function, leaves before its context was used, under a
// parent that is never done.
func (t *tracker) droppedUnused(a *Acquisition) bool {
	if !a.Kind.Call || !cancelOfDeadParent(a.Call.Common()) {
		return false
	}
	ctx, _ := resultValues(a.Call, 0)
	if ctx == nil {
		return false
	}
	uses, ok := contextUses(ctx)
	if !ok {
		return false
	}
	kept, dropped := a.KeptOnReturn, a.DroppedOnErrBy
	defer func() { a.KeptOnReturn, a.DroppedOnErrBy, t.from = kept, dropped, nil }()
	for _, u := range uses {
		t.from = u
		if t.findLeak(a, false) != nil {
			return false
		}
	}
	return true
}

// cancelOfDeadParent reports whether c is context.WithCancel or
// WithCancelCause of context.Background() or context.TODO().
func cancelOfDeadParent(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok || key.Pkg != "context" || key.Name != "WithCancel" && key.Name != "WithCancelCause" || len(c.Args) != 1 {
		return false
	}
	parent, ok := c.Args[0].(*ssa.Call)
	if !ok {
		return false
	}
	pk, ok := calleeKey(parent.Common())
	return ok && pk.Pkg == "context" && (pk.Name == "Background" || pk.Name == "TODO")
}

// contextUses returns the instructions that may hand ctx on: ok is false
// when it is stored where this function cannot see every read (a
// parameter's field, a global, a container).
func contextUses(ctx ssa.Value) (uses []ssa.Instruction, ok bool) {
	for _, r := range referrers(ctx) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Val != ctx {
				uses = append(uses, r)
				continue
			}
			slot, ok := slotUses(r)
			if !ok {
				return nil, false
			}
			uses = append(uses, slot...)
		default:
			uses = append(uses, r)
		}
	}
	return uses, true
}

// slotUses returns the reads of the variable or field that store writes
// the context into, and the uses of the struct that holds the field;
// ok is false when the slot is not local to the function.
func slotUses(store *ssa.Store) (uses []ssa.Instruction, ok bool) {
	switch addr := store.Addr.(type) {
	case *ssa.Alloc:
		for _, r := range referrers(addr) {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if r.Addr != addr {
					uses = append(uses, r) // the cell itself stored away
				}
			default:
				uses = append(uses, r)
			}
		}
		return uses, true
	case *ssa.FieldAddr:
		obj, ok := addr.X.(*ssa.Alloc)
		if !ok {
			return nil, false
		}
		return structUses(obj, addr.Field, 0), true
	}
	return nil, false
}

// maxFieldReadDepth bounds how far structUses follows the struct into
// the functions it is passed to.
const maxFieldReadDepth = 4

// structUses returns the instructions of obj's function that may read
// field of obj, directly or through a callee: a selection of that field,
// and any use of obj other than the selection of another field or a
// call of a function (with a body) that does not read field of the
// parameter it receives obj as.
func structUses(obj ssa.Value, field int, depth int) []ssa.Instruction {
	var uses []ssa.Instruction
	for _, r := range referrers(obj) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			if r.X == obj && r.Field == field && !onlyWritten(r) {
				uses = append(uses, r)
			}
		case *ssa.Field:
			if r.X == obj && r.Field == field {
				uses = append(uses, r)
			}
		case ssa.CallInstruction:
			if _, spawned := r.(*ssa.Go); spawned || !readsNoField(r.Common(), obj, field, depth) {
				uses = append(uses, r)
			}
		default:
			uses = append(uses, r)
		}
	}
	return uses
}

// onlyWritten reports whether a field address is only stored to.
func onlyWritten(fa *ssa.FieldAddr) bool {
	for _, r := range referrers(fa) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != fa {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// readsNoField reports whether call passes obj only to parameters of a
// static callee with a body that neither reads field of it nor hands it
// on to anything but such callees.
func readsNoField(c *ssa.CallCommon, obj ssa.Value, field int, depth int) bool {
	callee := c.StaticCallee()
	if c.IsInvoke() || callee == nil || callee.Blocks == nil || depth >= maxFieldReadDepth {
		return false
	}
	if c.Value == obj {
		return false
	}
	for i, arg := range c.Args {
		if arg != obj {
			continue
		}
		if i >= len(callee.Params) || len(structUses(callee.Params[i], field, depth+1)) > 0 {
			return false
		}
	}
	return sameStructType(obj, callee, c)
}

// sameStructType reports whether every parameter obj is passed as has
// obj's own type, so that field indices mean the same field.
func sameStructType(obj ssa.Value, callee *ssa.Function, c *ssa.CallCommon) bool {
	for i, arg := range c.Args {
		if arg == obj && (i >= len(callee.Params) || !types.Identical(callee.Params[i].Type(), obj.Type())) {
			return false
		}
	}
	return true
}
