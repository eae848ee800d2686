package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Channel wrappers keep a channel in a field and move values through
// methods:
//
//	ch := testutils.NewChannel()
//	go func() { ...; ch.Send(v) }()   // Send: c.C <- v
//	v, err := ch.Receive(ctx)         // Receive: <-c.C (or ctx.Done())
//
//	ev := grpcsync.NewEvent()
//	go func() { ...; ev.Fire() }()    // Fire: close(e.c)
//	<-ev.Done()                       // Done: return e.c
//
// A goroutine that ends on every path with a send or close through such a
// method is joined by the test blocking on the same field of the same
// wrapper: the question is answered from what each method does with its
// receiver's channel fields (the ChanMethod summary, from SSA in this
// package and from facts for dependencies), never from type or method
// names.

// chanMethodOf summarises a method's use of its receiver's channel
// fields, or returns nil. Summaries are computed during run (methods of
// the package and the methods of other packages it calls, from facts);
// afterwards the map is only read.
func (e *engine) chanMethodOf(fn *ssa.Function) *facts.ChanMethod {
	if fn == nil || fn.Signature.Recv() == nil || e.chanMethods == nil {
		return nil
	}
	if f, ok := e.chanMethods[fn]; ok || e.chanMethodsDone {
		return f
	}
	var f *facts.ChanMethod
	if !e.isLocal(fn) || fn.Blocks == nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			f = new(facts.ChanMethod)
			if !e.pass.ImportObjectFact(obj.Origin(), f) {
				f = nil
			}
		}
	} else if f = e.summariseChanMethod(fn); f.Empty() {
		f = nil
	}
	e.chanMethods[fn] = f
	return f
}

// summariseChanMethod reads fn's SSA for sends, closes, receives and
// returns of channels in fields of its receiver.
func (e *engine) summariseChanMethod(fn *ssa.Function) *facts.ChanMethod {
	f := new(facts.ChanMethod)
	if len(fn.Params) == 0 {
		return f
	}
	field := func(v ssa.Value) (string, bool) {
		if _, ok := v.Type().Underlying().(*types.Chan); !ok {
			return "", false
		}
		base, path := splitFields(v)
		if path == "" || !isReceiver(fn, normaliseRoot(base)) {
			return "", false
		}
		return path, true
	}
	add := func(list *[]string, p string) {
		if !containsName(*list, p) {
			*list = append(*list, p)
		}
	}
	sendBlocks := make(map[string][]*ssa.BasicBlock)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				if p, ok := field(x.Chan); ok {
					sendBlocks[p] = append(sendBlocks[p], b)
				}
			case *ssa.UnOp:
				if p, ok := field(x.X); ok && x.Op == token.ARROW {
					add(&f.Recvs, p)
				}
			case *ssa.Select:
				for _, st := range x.States {
					if p, ok := field(st.Chan); ok && st.Dir == types.RecvOnly && x.Blocking {
						add(&f.Recvs, p)
					}
				}
			case *ssa.Call:
				c := x.Common()
				if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(c.Args) == 1 {
					if p, ok := field(c.Args[0]); ok {
						add(&f.Closes, p)
					}
				}
			case *ssa.MakeClosure:
				// A close-once guard: once.Do(func() { close(e.ch) }).
				for _, p := range closedInClosure(fn, x) {
					add(&f.Closes, p)
				}
			case *ssa.Return:
				for _, r := range x.Results {
					if p, ok := field(normaliseChan(r)); ok {
						add(&f.Returns, p)
					}
				}
			}
		}
	}
	for p, blocks := range sendBlocks {
		if e.everyReturnPasses(fn, blocks) {
			add(&f.Sends, p)
		}
	}
	return f
}

// closedInClosure returns the receiver channel fields of fn that the
// function literal mc (created in fn) closes.
func closedInClosure(fn *ssa.Function, mc *ssa.MakeClosure) []string {
	lit, ok := mc.Fn.(*ssa.Function)
	if !ok || lit.Blocks == nil || len(fn.Params) == 0 {
		return nil
	}
	f := &frame{fn: lit, parent: &frame{fn: fn}, free: mc.Bindings}
	var out []string
	for _, b := range lit.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			c := call.Common()
			if bi, ok := c.Value.(*ssa.Builtin); !ok || bi.Name() != "close" || len(c.Args) != 1 {
				continue
			}
			if k, ok := f.outerKey(c.Args[0]); ok && isReceiver(fn, k.base) && k.path != "" {
				out = append(out, k.path)
			}
		}
	}
	return out
}

// normaliseChan strips conversions of a channel (chan T to <-chan T).
func normaliseChan(v ssa.Value) ssa.Value {
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			return v
		}
		v = ct.X
	}
}

// exportChanMethodFacts computes the ChanMethod summaries the package
// needs and publishes those of its own methods.
func (e *engine) exportChanMethodFacts(funcs []*ssa.Function) {
	e.chanMethods = make(map[*ssa.Function]*facts.ChanMethod)
	for _, fn := range funcs {
		e.chanMethodOf(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					e.chanMethodOf(call.Common().StaticCallee())
				}
			}
		}
	}
	e.chanMethodsDone = true
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil || obj.Pkg() != e.pass.Pkg {
			continue
		}
		if f := e.chanMethods[fn]; f != nil {
			e.pass.ExportObjectFact(obj, f)
		}
	}
}

// wrapperSignals returns the wrapper fields (keys in the starting
// function) that the goroutine body sends on or closes through a method,
// with the blocks of those calls.
func (e *engine) wrapperSignals(body *frame) map[sigKey][]*ssa.BasicBlock {
	out := make(map[sigKey][]*ssa.BasicBlock)
	for _, b := range body.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Common().IsInvoke() || len(call.Common().Args) == 0 || !quietAfter(call) {
				continue
			}
			f := e.chanMethodOf(call.Common().StaticCallee())
			if f == nil {
				continue
			}
			k, ok := body.outerKey(call.Common().Args[0])
			if !ok {
				continue
			}
			for _, p := range append(append([]string(nil), f.Sends...), f.Closes...) {
				kp := k
				kp.path += p
				out[kp] = append(out[kp], b)
			}
		}
	}
	return out
}

// joinedByWrapper reports whether the goroutine ends on every path by
// sending on or closing a wrapper's channel field through a method, as
// its last act, and fn blocks on the same field of the same wrapper on
// every path after the go statement: a receiving method, or a receive
// from the channel a method returns.
func (e *engine) joinedByWrapper(fn *ssa.Function, g *ssa.Go, body *frame) bool {
	if body == nil {
		return false
	}
	for k, blocks := range e.wrapperSignals(body) {
		if !e.everyReturnPasses(body.fn, blocks) {
			continue
		}
		joins := make(map[ssa.Instruction]bool)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if instr != ssa.Instruction(g) && e.waitsOnWrapper(instr, k) {
					joins[instr] = true
				}
			}
		}
		if len(joins) > 0 && e.exitBefore(fn, g, joins) == nil {
			return true
		}
	}
	return false
}

// waitsOnWrapper reports whether instr, of the starting function, blocks
// on the wrapper field k: a call of a method that receives from it, or a
// receive (or blocking select case) on the channel a method returns.
func (e *engine) waitsOnWrapper(instr ssa.Instruction, k sigKey) bool {
	returned := func(v ssa.Value) bool {
		call, ok := normaliseChan(v).(*ssa.Call)
		return ok && e.wrapperField(call.Common(), k, func(f *facts.ChanMethod) []string { return f.Returns })
	}
	switch x := instr.(type) {
	case *ssa.Call:
		return e.wrapperField(x.Common(), k, func(f *facts.ChanMethod) []string { return f.Recvs })
	case *ssa.UnOp:
		return x.Op == token.ARROW && returned(x.X)
	case *ssa.Select:
		if !x.Blocking {
			return false
		}
		for _, st := range x.States {
			if st.Dir == types.RecvOnly && returned(st.Chan) {
				return true
			}
		}
	}
	return false
}

// wrapperField reports whether c calls a wrapper method whose summary
// lists, in the paths sel selects, the field k names.
func (e *engine) wrapperField(c *ssa.CallCommon, k sigKey, sel func(*facts.ChanMethod) []string) bool {
	if c.IsInvoke() || len(c.Args) == 0 {
		return false
	}
	f := e.chanMethodOf(c.StaticCallee())
	if f == nil {
		return false
	}
	recv := keyOf(c.Args[0])
	for _, p := range sel(f) {
		kp := recv
		kp.path += p
		if kp == k {
			return true
		}
	}
	return false
}
