package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Stop-source liveness: can anything ever open a wait on this context or
// channel? A small abstract interpretation over SSA values: each value is
// live (something may cancel, close or send on it), dead (nothing can,
// with the reason), or depends on a parameter or captured variable of the
// function being summarised.

type srcKind uint8

const (
	srcLive srcKind = iota
	srcDead
	srcVar
	// srcNone: no information yet (a cycle of phis being classified);
	// merging ignores it.
	srcNone
)

// A source is the verdict on one stop source.
type source struct {
	kind srcKind
	// index: for srcVar, the parameter index; captured variables follow
	// the parameters (len(fn.Params)+j).
	index int
	// deref: for srcVar, the value is loaded from a captured variable
	// cell, not the captured value itself.
	deref bool
	// mode: for srcVar, how the function waits on it.
	mode facts.StopMode
	// why: for srcDead, why nothing can open it ("comes from
	// context.Background(): its Done channel is nil").
	why string
	// dead: for srcDead, the kind of dead source.
	dead DeadKind
}

// DeadKind classifies dead stop sources, for fix hints.
type DeadKind uint8

const (
	// DeadOther: an impossible edge or a wait inside a callee.
	DeadOther DeadKind = iota
	// DeadNil: a nil channel.
	DeadNil
	// DeadContext: a context nothing cancels.
	DeadContext
	// DeadTimerChan: a ticker's or timer's channel, time.Tick or
	// time.After, waited on to close.
	DeadTimerChan
	// DeadField: an unexported field or package variable nothing closes.
	DeadField
	// DeadLocal: a channel made here that nothing closes or sends on.
	DeadLocal
	// DeadSelect: select {}.
	DeadSelect
	// DeadUnreceived: a channel made here that nothing receives from,
	// waited on by a send.
	DeadUnreceived
)

var liveSource = source{kind: srcLive}

func deadSource(kind DeadKind, why string) source {
	return source{kind: srcDead, why: why, dead: kind}
}

const maxClassifyDepth = 12

// classify decides whether v, a context (mode StopCtx) or a channel
// (StopRecv, StopClose) seen in fn, can ever end a wait.
func (e *engine) classify(fn *ssa.Function, v ssa.Value, mode facts.StopMode) source {
	e.stop().budget = classifyBudget
	s := e.classifyDepth(fn, v, mode, 0)
	if s.kind == srcNone {
		return liveSource
	}
	return s
}

// classKey memoises classifications.
type classKey struct {
	fn   *ssa.Function
	v    ssa.Value
	mode facts.StopMode
}

func (e *engine) classifyDepth(fn *ssa.Function, v ssa.Value, mode facts.StopMode, depth int) source {
	if v == nil || depth > maxClassifyDepth {
		return liveSource
	}
	st := e.stop()
	key := classKey{fn, v, mode}
	if s, ok := st.classes[key]; ok {
		if s.kind == srcNone {
			st.partial++ // a cycle: what depends on this is provisional
		}
		return s
	}
	if st.budget <= 0 {
		st.partial++
		return liveSource
	}
	st.budget--
	st.classes[key] = source{kind: srcNone} // in progress: a cycle adds nothing
	before := st.partial
	s := e.classifyValue(fn, v, mode, depth+1)
	if st.partial != before {
		// Computed while part of a cycle was unknown (or the budget ran
		// out): right for this query, not to be reused.
		delete(st.classes, key)
		return s
	}
	if s.kind == srcNone {
		s = liveSource
	}
	st.classes[key] = s
	return s
}

// classifyBudget bounds the values one classification visits.
const classifyBudget = 400

func (e *engine) classifyValue(fn *ssa.Function, v ssa.Value, mode facts.StopMode, depth int) source {
	switch x := v.(type) {
	case *ssa.Parameter:
		for i, p := range fn.Params {
			if p == x {
				return source{kind: srcVar, index: i, mode: mode}
			}
		}
	case *ssa.FreeVar:
		for j, fv := range fn.FreeVars {
			if fv == x {
				return source{kind: srcVar, index: len(fn.Params) + j, mode: mode}
			}
		}
	case *ssa.Const:
		if x.IsNil() && isChan(x.Type()) {
			return deadSource(DeadNil, "is nil, and operations on a nil channel block forever")
		}
	case *ssa.ChangeType:
		return e.classifyDepth(fn, x.X, mode, depth)
	case *ssa.MakeInterface:
		return e.classifyDepth(fn, x.X, mode, depth)
	case *ssa.ChangeInterface:
		return e.classifyDepth(fn, x.X, mode, depth)
	case *ssa.TypeAssert:
		if !x.CommaOk {
			return e.classifyDepth(fn, x.X, mode, depth)
		}
	case *ssa.Phi:
		srcs := make([]source, 0, len(x.Edges))
		for _, ed := range x.Edges {
			if ed == x {
				continue
			}
			srcs = append(srcs, e.classifyDepth(fn, ed, mode, depth))
		}
		return combineSources(srcs)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return e.classifyLoad(fn, x.X, mode, depth)
		}
	case *ssa.Field:
		return e.classifyObject(fieldVar(x.X.Type(), x.Field), x.X.Type(), mode)
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok {
			return e.classifyCallResult(fn, call, x.Index, mode, depth)
		}
	case *ssa.Call:
		return e.classifyCallResult(fn, x, 0, mode, depth)
	case *ssa.MakeChan:
		return e.classifyLocalChan(x, mode)
	}
	return liveSource
}

// combineSources merges the sources a value may come from: dead only when
// all are; a parameter when all are that parameter or dead.
func combineSources(srcs []source) source {
	if len(srcs) == 0 {
		return liveSource
	}
	var dead *source
	var v *source
	for i := range srcs {
		s := &srcs[i]
		switch s.kind {
		case srcNone:
		case srcLive:
			return liveSource
		case srcDead:
			if dead == nil {
				dead = s
			}
		case srcVar:
			if v != nil && (v.index != s.index || v.deref != s.deref) {
				return liveSource
			}
			v = s
		}
	}
	if v != nil {
		return *v
	}
	if dead == nil {
		return source{kind: srcNone}
	}
	// Prefer the reason that is not a nil guard (`if s == nil { return
	// nil }` in an accessor).
	for i := range srcs {
		if srcs[i].dead != DeadNil {
			return srcs[i]
		}
	}
	return *dead
}

// classifyLoad classifies a value loaded from addr.
func (e *engine) classifyLoad(fn *ssa.Function, addr ssa.Value, mode facts.StopMode, depth int) source {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return e.classifyObject(fieldVar(a.X.Type(), a.Field), a.X.Type(), mode)
	case *ssa.Global:
		obj, _ := a.Object().(*types.Var)
		return e.classifyObject(obj, nil, mode)
	case *ssa.Alloc:
		return e.classifyCell(fn, a, mode, depth)
	case *ssa.FreeVar:
		for j, fv := range fn.FreeVars {
			if fv == a {
				return source{kind: srcVar, index: len(fn.Params) + j, deref: true, mode: mode}
			}
		}
	}
	return liveSource
}

// classifyObject classifies a channel read from field or package variable
// obj; base is the type of the struct holding the field (nil for
// variables).
func (e *engine) classifyObject(obj *types.Var, base types.Type, mode facts.StopMode) source {
	if obj == nil {
		return liveSource
	}
	if base != nil && obj.Name() == "C" {
		if key, ok := TypeKeyOf(base); ok && key.Pkg == "time" && (key.Name == "Ticker" || key.Name == "Timer") {
			if mode == facts.StopClose {
				return deadSource(DeadTimerChan, "is a "+strings.ToLower(key.Name)+"'s channel: Stop does not close it, so waiting for it to close never ends")
			}
			return liveSource
		}
	}
	if mode == facts.StopCtx || mode == facts.StopSend {
		return liveSource
	}
	closed, sent := e.chanNeverClosed(obj)
	what := "an unexported field"
	if !obj.IsField() {
		what = "an unexported package variable"
	}
	switch {
	case mode == facts.StopClose && closed:
		return deadSource(DeadField, "is "+what+" that nothing in this package closes")
	case mode == facts.StopRecv && sent:
		return deadSource(DeadField, "is "+what+" that nothing in this package sends on or closes")
	}
	return liveSource
}

// classifyCell classifies a value loaded from a local variable cell: the
// values stored in it, or its zero value.
func (e *engine) classifyCell(fn *ssa.Function, cell *ssa.Alloc, mode facts.StopMode, depth int) source {
	var srcs []source
	for _, r := range referrers(cell) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != cell {
				return liveSource
			}
			srcs = append(srcs, e.classifyDepth(fn, r.Val, mode, depth))
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return liveSource
			}
		case *ssa.MakeClosure:
			if closureStores(r, cell) {
				return liveSource
			}
		case *ssa.DebugRef:
		default:
			return liveSource
		}
	}
	if len(srcs) == 0 {
		if isChan(cell.Type().(*types.Pointer).Elem()) {
			return deadSource(DeadNil, "is nil (never assigned), and operations on a nil channel block forever")
		}
		return liveSource
	}
	return combineSources(srcs)
}

// closureStores reports whether the closure made by mc may store into the
// captured cell (or hand it on).
func closureStores(mc *ssa.MakeClosure, cell ssa.Value) bool {
	fn := mc.Fn.(*ssa.Function)
	for j, b := range mc.Bindings {
		if b != cell || j >= len(fn.FreeVars) {
			continue
		}
		for _, r := range referrers(fn.FreeVars[j]) {
			switch r := r.(type) {
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return true
				}
			case *ssa.DebugRef:
			default:
				return true
			}
		}
	}
	return false
}

// classifyCallResult classifies result idx of call.
func (e *engine) classifyCallResult(fn *ssa.Function, call *ssa.Call, idx int, mode facts.StopMode, depth int) source {
	common := call.Common()
	if common.IsInvoke() {
		if common.Method.Name() == "Done" && isContext(common.Value.Type()) {
			return e.classifyDepth(fn, common.Value, facts.StopCtx, depth)
		}
		return e.classifyInvokeResult(call, idx, mode, depth)
	}
	callee := common.StaticCallee()
	if callee == nil {
		return liveSource
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil {
		return liveSource
	}
	key := FuncKeyOf(obj)
	switch key {
	case FuncKey{Pkg: "context", Name: "Background"}, FuncKey{Pkg: "context", Name: "TODO"}:
		return deadSource(DeadContext, "comes from context."+key.Name+"(): its Done channel is nil")
	case FuncKey{Pkg: "context", Name: "WithoutCancel"}:
		return deadSource(DeadContext, "comes from context.WithoutCancel, which is never cancelled")
	case FuncKey{Pkg: "context", Name: "WithValue"}:
		if len(common.Args) > 0 {
			return e.classifyDepth(fn, common.Args[0], mode, depth)
		}
	case FuncKey{Pkg: "context", Name: "WithCancel"}, FuncKey{Pkg: "context", Name: "WithCancelCause"}:
		if idx != 0 || len(common.Args) == 0 || !e.cancelNeverCalled(call) {
			return liveSource
		}
		parent := e.classifyDepth(fn, common.Args[0], mode, depth)
		if parent.kind == srcDead {
			return deadSource(parent.dead, "comes from context."+key.Name+" whose cancel function is never called, and its parent "+parent.why)
		}
		return parent
	case FuncKey{Pkg: "time", Name: "After"}, FuncKey{Pkg: "time", Name: "Tick"}:
		if mode == facts.StopClose {
			return deadSource(DeadTimerChan, "comes from time."+key.Name+", whose channel is never closed")
		}
	case FuncKey{Pkg: "context", Recv: "Context", Name: "Done"}:
		if len(common.Args) > 0 {
			return e.classifyDepth(fn, common.Args[0], facts.StopCtx, depth)
		}
	}
	if callee.Blocks != nil && e.isLocal(callee) {
		return e.classifyReturned(fn, common, callee, idx, mode, depth)
	}
	return liveSource
}

// classifyReturned classifies what a local callee returns as result idx
// (an accessor such as `func (s *S) Done() <-chan struct{} { return
// s.done }`), mapping its parameters to the call's arguments.
func (e *engine) classifyReturned(fn *ssa.Function, common *ssa.CallCommon, callee *ssa.Function, idx int, mode facts.StopMode, depth int) source {
	var srcs []source
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || idx >= len(ret.Results) {
			continue
		}
		s := e.classifyDepth(callee, ret.Results[idx], mode, depth)
		if s.kind == srcVar {
			arg := bindingOf(common, callee, s.index)
			if arg == nil {
				return liveSource
			}
			if s.deref {
				s = e.resolveValue(fn, arg, true, s.mode)
			} else {
				s = e.classifyDepth(fn, arg, s.mode, depth)
			}
		}
		if s.kind == srcLive {
			return liveSource
		}
		srcs = append(srcs, s)
	}
	return combineSources(srcs)
}

// classifyLocalChan classifies a channel made in this package: dead when
// everything that can reach it is visible and nothing closes it (or, for
// a receive, nothing sends on it either).
func (e *engine) classifyLocalChan(mc *ssa.MakeChan, mode facts.StopMode) source {
	u := e.localChanUse(mc)
	switch {
	case mode == facts.StopSend && !u.has(opRecv) && !u.has(opEscape) && !u.has(opLend):
		if c, ok := constInt(mc.Size); ok && c > 0 {
			return liveSource // sends fill the buffer first
		}
		return deadSource(DeadUnreceived, "is never received from")
	case mode == facts.StopClose && !u.mayClose():
		return deadSource(DeadLocal, "is never closed")
	case mode == facts.StopRecv && !u.maySend():
		return deadSource(DeadLocal, "is never sent on or closed")
	}
	return liveSource
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool {
	key, ok := TypeKeyOf(t)
	return ok && key == TypeKey{Pkg: "context", Name: "Context"}
}

// cancelNeverCalled reports whether the cancel function created by call
// (a context.WithCancel) is never called: not on any path, not by a
// closure, goroutine or callee, and not kept anywhere that calls it.
func (e *engine) cancelNeverCalled(call *ssa.Call) bool {
	fn := call.Parent()
	if e.busy[fn] {
		// Asked while fn's summary is being computed (goholds.go): its
		// acquisitions are not all known yet. Assume called, and keep
		// what depends on it out of the memo.
		e.stop().partial++
		return false
	}
	e.summaryOf(fn)
	for _, a := range e.acqs[fn] {
		if a.Call == call {
			return e.cancelLost(a)
		}
	}
	return false
}

// cancelLost reports whether nothing ever calls the cancel function a:
// it is neither called nor handed on, or only stored in unexported fields
// and package variables that nothing in the package reads.
func (e *engine) cancelLost(a *Acquisition) bool {
	if !a.Kind.Call {
		return false
	}
	if a.Value == nil || a.NeverReleased() {
		return true
	}
	stored := false
	for _, ev := range a.Events {
		if !ev.Direct {
			continue
		}
		switch ev.Kind {
		case Release, DeferRelease, Return:
			return false
		case Wrap:
			if obj := e.storedInto(ev.Instr); obj != nil && obj.IsField() && !e.objectRead(obj) {
				// A field of a struct that is returned or kept, which
				// nothing in the package reads: no caller can call it.
				stored = true
				continue
			}
			if ev.target.resolved {
				return false
			}
		case Transfer:
			obj := e.storedInto(ev.Instr)
			if obj == nil || e.objectRead(obj) {
				return false
			}
			stored = true
		}
	}
	return stored
}

// storedInto returns the unexported field or package variable of this
// package that instr (a store) writes, or nil.
func (e *engine) storedInto(instr ssa.Instruction) *types.Var {
	st, ok := instr.(*ssa.Store)
	if !ok {
		return nil
	}
	var obj *types.Var
	switch a := st.Addr.(type) {
	case *ssa.FieldAddr:
		obj = fieldVar(a.X.Type(), a.Field)
	case *ssa.Global:
		obj, _ = a.Object().(*types.Var)
	}
	if obj == nil || obj.Exported() || obj.Pkg() != e.pass.Pkg {
		return nil
	}
	return obj
}

// objectRead reports whether the package reads field or variable obj for
// anything but a comparison with nil.
func (e *engine) objectRead(obj *types.Var) bool {
	st := e.stop()
	if st.read == nil {
		st.read = make(map[*types.Var]bool)
		mark := func(obj *types.Var, v ssa.Value) {
			if obj == nil || st.read[obj] {
				return
			}
			for _, r := range referrers(v) {
				if b, ok := r.(*ssa.BinOp); ok && (isNil(b.X) || isNil(b.Y)) {
					continue
				}
				if _, ok := r.(*ssa.DebugRef); ok {
					continue
				}
				st.read[obj] = true
				return
			}
		}
		for _, fn := range e.allFuncs() {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					switch x := instr.(type) {
					case *ssa.Field:
						mark(fieldVar(x.X.Type(), x.Field), x)
					case *ssa.UnOp:
						if x.Op != token.MUL {
							continue
						}
						switch a := x.X.(type) {
						case *ssa.FieldAddr:
							mark(fieldVar(a.X.Type(), a.Field), x)
						case *ssa.Global:
							g, _ := a.Object().(*types.Var)
							mark(g, x)
						}
					case *ssa.FieldAddr:
						// The address handed on (not loaded, not stored
						// to): anything may read through it.
						for _, r := range referrers(x) {
							switch r := r.(type) {
							case *ssa.UnOp:
								if r.Op == token.MUL {
									continue
								}
							case *ssa.Store:
								if r.Addr == x {
									continue
								}
							case *ssa.DebugRef:
								continue
							}
							if f := fieldVar(x.X.Type(), x.Field); f != nil {
								st.read[f] = true
							}
						}
					}
				}
			}
		}
	}
	return st.read[obj]
}

// nameOf says how the source names v: "ctx", "s.quit", "ticker.C".
func (e *engine) nameOf(v ssa.Value) string {
	switch x := v.(type) {
	case *ssa.Parameter:
		return x.Name()
	case *ssa.FreeVar:
		return x.Name()
	case *ssa.Global:
		return x.Name()
	case *ssa.Alloc:
		return x.Comment
	case *ssa.UnOp:
		if x.Op == token.MUL {
			switch a := x.X.(type) {
			case *ssa.FieldAddr:
				return e.joinName(e.nameOf(a.X), fieldName(a.X.Type(), a.Field))
			case *ssa.Global, *ssa.Alloc, *ssa.FreeVar:
				return e.nameOf(a)
			}
		}
	case *ssa.Field:
		return e.joinName(e.nameOf(x.X), fieldName(x.X.Type(), x.Field))
	case *ssa.ChangeType:
		return e.nameOf(x.X)
	case *ssa.MakeInterface:
		return e.nameOf(x.X)
	case *ssa.ChangeInterface:
		return e.nameOf(x.X)
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok {
			if n := e.lhsName(call.Pos(), x.Index); n != "" {
				return n
			}
			return e.exprText(call.Pos())
		}
	case *ssa.Call:
		if n := e.lhsName(x.Pos(), 0); n != "" {
			return n
		}
		if x.Common().IsInvoke() && x.Common().Method.Name() == "Done" {
			return e.nameOf(x.Common().Value)
		}
		if isContext(x.Type()) {
			return "" // a context made in place: its origin says it all
		}
		return e.exprText(x.Pos())
	case *ssa.MakeChan:
		if n := e.lhsName(x.Pos(), 0); n != "" {
			return n
		}
	}
	return ""
}

func (e *engine) joinName(base, field string) string {
	if base == "" {
		return field
	}
	return base + "." + field
}

func fieldName(t types.Type, i int) string {
	if f := fieldVar(t, i); f != nil {
		return f.Name()
	}
	return ""
}

// lhsName returns the name of the variable that result idx of the call
// whose '(' is at lparen is assigned to, or "".
func (e *engine) lhsName(lparen token.Pos, idx int) string {
	path := e.pathTo(lparen)
	for i, n := range path {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Lparen != lparen {
			continue
		}
		if i+1 >= len(path) {
			return ""
		}
		var lhs []ast.Expr
		switch s := path[i+1].(type) {
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				lhs = s.Lhs
			} else {
				for j, r := range s.Rhs {
					if r == call && j < len(s.Lhs) && idx == 0 {
						lhs = []ast.Expr{s.Lhs[j]}
					}
				}
			}
		case *ast.ValueSpec:
			for _, n := range s.Names {
				lhs = append(lhs, n)
			}
		}
		if idx < len(lhs) {
			if id, ok := lhs[idx].(*ast.Ident); ok && id.Name == "_" {
				return ""
			}
			return types.ExprString(lhs[idx])
		}
		return ""
	}
	return ""
}

// exprText renders the call expression whose '(' is at lparen.
func (e *engine) exprText(lparen token.Pos) string {
	for _, n := range e.pathTo(lparen) {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			return types.ExprString(call)
		}
	}
	return ""
}

// pathTo returns the syntax nodes enclosing pos, innermost first.
func (e *engine) pathTo(pos token.Pos) []ast.Node {
	if !pos.IsValid() {
		return nil
	}
	f := e.fileOf(pos)
	if f == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	return path
}
