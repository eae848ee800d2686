package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// This file answers "who can close or send on this channel": for a
// channel made in a function (followed into the closures and local
// callees it reaches) and for the unexported fields and package variables
// of channel type, which only their own package can touch.

// chanOpKind is one thing code does with a channel.
type chanOpKind uint8

const (
	opSend chanOpKind = iota + 1
	opRecv
	opClose
	// opEscape: handed to code the engine does not follow, stored, or
	// converted to an interface: anything may happen to it.
	opEscape
	// opLend: handed on receive-only: others may receive from it, but
	// cannot send on it or close it.
	opLend
)

// A chanOp is one operation on a tracked channel.
type chanOp struct {
	kind  chanOpKind
	instr ssa.Instruction
	// state is the index of the select case, or -1.
	state int
}

// chanUse collects what code does with one channel (or with the channels
// one field or variable holds).
type chanUse struct {
	ops []chanOp
	// foreign: a channel made elsewhere (a parameter, another field) was
	// stored into the field or variable.
	foreign bool
	// calls are the calls through which the walk reached a callee (for a
	// channel made in a function: closesites.go maps a close in a callee
	// back to the call).
	calls map[ssa.Instruction]*ssa.Function
}

func (u *chanUse) has(k chanOpKind) bool {
	for _, op := range u.ops {
		if op.kind == k {
			return true
		}
	}
	return false
}

// mayClose reports whether anything may close the channel.
func (u *chanUse) mayClose() bool { return u.foreign || u.has(opClose) || u.has(opEscape) }

// maySend reports whether anything may send on the channel or close it.
func (u *chanUse) maySend() bool { return u.mayClose() || u.has(opSend) }

// chanWalker follows channel values through a package's SSA.
type chanWalker struct {
	e    *engine
	use  *chanUse
	seen map[ssa.Value]bool
	// calls are the calls through which the channel reached a callee's
	// parameter.
	calls map[ssa.Instruction]*ssa.Function
}

const maxChanDepth = 4

func (e *engine) newChanWalker(use *chanUse) *chanWalker {
	return &chanWalker{e: e, use: use, seen: make(map[ssa.Value]bool), calls: make(map[ssa.Instruction]*ssa.Function)}
}

func (w *chanWalker) op(k chanOpKind, instr ssa.Instruction, state int) {
	w.use.ops = append(w.use.ops, chanOp{kind: k, instr: instr, state: state})
}

// value records the uses of channel value v.
func (w *chanWalker) value(v ssa.Value, depth int) {
	if v == nil || w.seen[v] {
		return
	}
	w.seen[v] = true
	if isRecvOnly(v.Type()) {
		// Only receives are possible through it.
		w.recvOnly(v)
		return
	}
	for _, r := range referrers(v) {
		switch r := r.(type) {
		case *ssa.Send:
			if r.Chan == v {
				w.op(opSend, r, -1)
			}
			if r.X == v {
				w.op(opEscape, r, -1)
			}
		case *ssa.UnOp:
			if r.Op == token.ARROW {
				w.op(opRecv, r, -1)
			} else {
				w.op(opEscape, r, -1)
			}
		case *ssa.Select:
			for i, st := range r.States {
				if st.Chan == v {
					if st.Dir == types.SendOnly {
						w.op(opSend, r, i)
					} else {
						w.op(opRecv, r, i)
					}
				}
				if st.Send == v {
					w.op(opEscape, r, i)
				}
			}
		case ssa.CallInstruction:
			w.call(v, r, depth)
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for j, b := range r.Bindings {
				if b == v && j < len(fn.FreeVars) {
					w.value(fn.FreeVars[j], depth)
				}
			}
		case *ssa.Phi, *ssa.ChangeType:
			w.value(r.(ssa.Value), depth)
		case *ssa.Store:
			if r.Val == v {
				if cell, ok := r.Addr.(*ssa.Alloc); ok && w.localCell(cell) {
					w.cell(cell, depth)
				} else if slot, ok := storedInLocalField(r); ok {
					w.structField(slot.Obj, slot.Field, depth)
				} else {
					w.op(opEscape, r, -1)
				}
			}
		case *ssa.BinOp, *ssa.DebugRef:
			// Comparisons and debug information do not touch it.
		default:
			w.op(opEscape, r, -1)
		}
	}
}

// recvOnly records the receives through a receive-only channel value,
// and where it is handed on.
func (w *chanWalker) recvOnly(v ssa.Value) {
	w.recvOnlyDepth(v, 0)
}

func (w *chanWalker) recvOnlyDepth(v ssa.Value, depth int) {
	for _, r := range referrers(v) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.ARROW {
				w.op(opRecv, r, -1)
			}
		case *ssa.Select:
			for i, st := range r.States {
				if st.Chan == v {
					w.op(opRecv, r, i)
				}
			}
		case *ssa.BinOp, *ssa.DebugRef:
		case *ssa.Phi, *ssa.ChangeType:
			if !w.seen[r.(ssa.Value)] {
				w.seen[r.(ssa.Value)] = true
				w.recvOnlyDepth(r.(ssa.Value), depth)
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for j, b := range r.Bindings {
				if b == v && j < len(fn.FreeVars) && !w.seen[fn.FreeVars[j]] {
					w.seen[fn.FreeVars[j]] = true
					w.recvOnlyDepth(fn.FreeVars[j], depth)
				}
			}
		case ssa.CallInstruction:
			// Passed to a function of this package: follow its receives.
			common := r.Common()
			callee := common.StaticCallee()
			if callee == nil || callee.Blocks == nil || !w.e.isLocal(callee) || common.IsInvoke() || depth >= maxChanDepth {
				w.op(opLend, r, -1)
				continue
			}
			for i, a := range common.Args {
				if a == v && i < len(callee.Params) && !w.seen[callee.Params[i]] {
					w.seen[callee.Params[i]] = true
					w.calls[r] = callee
					w.recvOnlyDepth(callee.Params[i], depth+1)
				}
			}
		default:
			w.op(opLend, r, -1)
		}
	}
}

// localCell reports whether a heap cell (a variable captured by closures)
// is only loaded, stored and captured.
func (w *chanWalker) localCell(cell *ssa.Alloc) bool {
	for _, r := range referrers(cell) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if r.Val == cell {
				return false
			}
		case *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// cell follows the loads of a variable cell holding the channel, in its
// function and in the closures that captured it.
func (w *chanWalker) cell(addr ssa.Value, depth int) {
	if w.seen[addr] {
		return
	}
	w.seen[addr] = true
	for _, r := range referrers(addr) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				w.value(r, depth)
			} else {
				w.op(opEscape, r, -1)
			}
		case *ssa.Store:
			if r.Val == addr {
				w.op(opEscape, r, -1)
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for j, b := range r.Bindings {
				if b == addr && j < len(fn.FreeVars) {
					w.cell(fn.FreeVars[j], depth)
				}
			}
		case *ssa.DebugRef:
		default:
			w.op(opEscape, r, -1)
		}
	}
}

// call records a channel passed to a call, go or defer.
func (w *chanWalker) call(v ssa.Value, c ssa.CallInstruction, depth int) {
	common := c.Common()
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			w.op(opClose, c, -1)
		case "len", "cap":
		default:
			w.op(opEscape, c, -1)
		}
		return
	}
	if common.Value == v {
		w.op(opEscape, c, -1)
		return
	}
	callee := common.StaticCallee()
	for i, a := range common.Args {
		if a != v {
			continue
		}
		if callee == nil || callee.Blocks == nil || !w.e.isLocal(callee) || depth >= maxChanDepth || common.IsInvoke() {
			w.op(opEscape, c, -1)
			continue
		}
		if i < len(callee.Params) {
			w.calls[c] = callee
			w.value(callee.Params[i], depth+1)
		}
	}
}

func isRecvOnly(t types.Type) bool {
	ch, ok := t.Underlying().(*types.Chan)
	return ok && ch.Dir() == types.RecvOnly
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// localChanUse returns the uses of a channel made in its function, or nil
// when it is computed already (a cycle).
func (e *engine) localChanUse(mc *ssa.MakeChan) *chanUse {
	if u, ok := e.stop().localChans[mc]; ok {
		return u
	}
	u := &chanUse{}
	e.stop().localChans[mc] = u
	w := e.newChanWalker(u)
	w.value(mc, 0)
	u.calls = w.calls
	return u
}

// chanObjects computes, once per package, the uses of the channels held
// by the package's unexported fields and package variables of channel
// type.
func (e *engine) chanObjects() map[*types.Var]*chanUse {
	st := e.stop()
	if st.objects != nil {
		return st.objects
	}
	st.objects = make(map[*types.Var]*chanUse)
	walkers := make(map[*types.Var]*chanWalker)
	walker := func(obj *types.Var) *chanWalker {
		w := walkers[obj]
		if w == nil {
			u := &chanUse{}
			st.objects[obj] = u
			w = e.newChanWalker(u)
			walkers[obj] = w
		}
		return w
	}
	for _, fn := range e.allFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					if f := fieldVar(x.X.Type(), x.Field); e.trackedChanObject(f) {
						w := walker(f)
						for _, r := range referrers(x) {
							switch r := r.(type) {
							case *ssa.UnOp:
								if r.Op == token.MUL {
									w.value(r, 0)
									continue
								}
								w.use.foreign = true
							case *ssa.Store:
								if r.Addr == x && !isFresh(r.Val) {
									w.use.foreign = true
								}
							case *ssa.DebugRef:
							default:
								w.use.foreign = true
							}
						}
					}
				case *ssa.Field:
					if f := fieldVar(x.X.Type(), x.Field); e.trackedChanObject(f) {
						walker(f).value(x, 0)
					}
				}
				var ops [8]*ssa.Value
				for _, p := range instr.Operands(ops[:0]) {
					g, ok := (*p).(*ssa.Global)
					if !ok {
						continue
					}
					obj, _ := g.Object().(*types.Var)
					if !e.trackedChanObject(obj) {
						continue
					}
					w := walker(obj)
					switch x := instr.(type) {
					case *ssa.UnOp:
						if x.Op == token.MUL {
							w.value(x, 0)
							continue
						}
						w.use.foreign = true
					case *ssa.Store:
						if x.Addr != g || !isFresh(x.Val) {
							w.use.foreign = true
						}
					case *ssa.DebugRef:
					default:
						w.use.foreign = true
					}
				}
			}
		}
	}
	return st.objects
}

// isFresh reports whether v is a channel made right here, or nil.
func isFresh(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.MakeChan:
		return true
	case *ssa.Const:
		return v.IsNil()
	}
	return false
}

// trackedChanObject reports whether obj is an unexported field or package
// variable of channel type declared in this package.
func (e *engine) trackedChanObject(obj *types.Var) bool {
	return obj != nil && !obj.Exported() && obj.Pkg() == e.pass.Pkg && isChan(obj.Type())
}

// fieldVar returns field i of the struct that t is or points to.
func fieldVar(t types.Type, i int) *types.Var {
	st, ok := structOf(t)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i).Origin()
}

// chanNeverClosed reports what the engine knows about the channels held
// by field or package variable obj: never closed (and never sent on).
func (e *engine) chanNeverClosed(obj *types.Var) (neverClosed, neverSent bool) {
	// Code the engine did not read (factsonly.go) may close or send.
	if !e.trackedChanObject(obj) || len(e.unsummarisedFiles) > 0 {
		return false, false
	}
	u := e.chanObjects()[obj]
	if u == nil {
		// Nothing in the package even mentions it besides its
		// declaration: it is nil.
		return true, true
	}
	return !u.mayClose(), !u.maySend()
}

// exportChanFacts publishes ChanNeverClosed for the package's unexported
// channel fields and variables.
func (e *engine) exportChanFacts() {
	for obj := range e.chanObjects() {
		if closed, sent := e.chanNeverClosed(obj); closed {
			e.pass.ExportObjectFact(obj, &facts.ChanNeverClosed{NeverSent: sent})
		}
	}
}

// allFuncs lists every function of the package with a body, once.
func (e *engine) allFuncs() []*ssa.Function {
	st := e.stop()
	if st.funcs == nil {
		st.funcs = e.functions()
	}
	return st.funcs
}
