package lifecycle

import "golang.org/x/tools/go/ssa"

// A goroutine often signals an object its starting function did not make:
// a WaitGroup or a done channel that is a parameter of a helper, or a
// variable captured from an enclosing function.
//
//	func startServer(t *testing.T, wg *sync.WaitGroup) {
//		wg.Add(1)
//		go func() { defer wg.Done(); ... t.Errorf(...) }()
//	}
//
//	func TestX(t *testing.T) {
//		var wg sync.WaitGroup
//		defer wg.Wait()
//		startServer(t, &wg)
//	}
//
// The helper returns without waiting, but the object's owner (the
// function that made it) waits on it on every path after handing it on:
// the goroutine is joined. This file follows the object out of the
// starting function, through closure bindings to enclosing functions and
// through parameters to every static caller in the package, until it
// reaches a function that waits for it on every path from the hand-over
// point. A WaitGroup counts only when its Add runs before the go
// statement (in the starting function or before the hand-over in an
// outer one): a Wait that may run before the Add joins nothing.

// maxOwnerDepth bounds the walk through enclosing functions and callers.
const maxOwnerDepth = 6

// joinedByOwner reports whether the goroutine g of fn, whose body frame is
// body, ends on every path by signalling an object fn got from outside
// (Done on a WaitGroup, a send on or close of a channel), and the owner of
// that object waits on it on every path after handing it to fn.
func (e *engine) joinedByOwner(fn *ssa.Function, g *ssa.Go, body *frame) bool {
	for k, isWG := range e.finalSignals(g, body) {
		if !fromOutside(k.base) {
			continue
		}
		added := isWG && e.addsBefore(fn, g, k)
		if e.ownerWaits(fn, k, isWG, added, 0) {
			return true
		}
	}
	return false
}

// ownerWaits follows k, the key of a signal object in level, to the
// functions that handed it to level, and reports whether each of them
// waits on it on every path after the hand-over (or hands it on from its
// own parameter or free variable to functions that do).
func (e *engine) ownerWaits(level *ssa.Function, k sigKey, isWG, added bool, depth int) bool {
	if depth >= maxOwnerDepth {
		return false
	}
	sites := e.handOvers(level, k)
	if len(sites) == 0 {
		return false
	}
	for _, s := range sites {
		okAdded := added || isWG && e.addsBefore(s.fn, s.at, s.key)
		if (okAdded || !isWG) && e.unjoinedFrom(s.fn, s.at, signals{s.key: true}) == nil {
			continue
		}
		if fromOutside(s.key.base) && e.ownerWaits(s.fn, s.key, isWG, okAdded, depth+1) {
			continue
		}
		return false
	}
	return true
}

// A handOver is a point in fn where the signal object, named key there,
// passes to the function one level in: the closure's creation or the call.
type handOver struct {
	fn  *ssa.Function
	at  ssa.Instruction
	key sigKey
}

// handOvers lists where the object k of level comes from: for a free
// variable, the closures of level created in its enclosing function; for
// a parameter, every static call of level in the package. It returns nil
// when one source is unknown: level used as a value other than a callee
// (its callers cannot all be seen), or a free variable with no closure.
func (e *engine) handOvers(level *ssa.Function, k sigKey) []handOver {
	base := k.base
	if p := paramCell(base); p != nil {
		base = p
	}
	switch base := base.(type) {
	case *ssa.FreeVar:
		i := indexOfValue(level.FreeVars, base)
		parent := level.Parent()
		if i < 0 || parent == nil {
			return nil
		}
		var out []handOver
		for _, b := range parent.Blocks {
			for _, instr := range b.Instrs {
				mc, ok := instr.(*ssa.MakeClosure)
				if !ok || mc.Fn != level || i >= len(mc.Bindings) {
					continue
				}
				outer := keyOf(mc.Bindings[i])
				outer.path += k.path
				out = append(out, handOver{fn: parent, at: mc, key: outer})
			}
		}
		return out
	case *ssa.Parameter:
		i := indexOfParam(level.Params, base)
		if i < 0 || level.Parent() != nil {
			return nil
		}
		var out []handOver
		for _, fn := range e.allFuncs() {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, isCall := instr.(*ssa.Call)
					for j, op := range instr.Operands(nil) {
						if op == nil || *op != ssa.Value(level) {
							continue
						}
						if !isCall || j != 0 || call.Common().IsInvoke() || i >= len(call.Common().Args) {
							return nil // a func value: callers out of sight
						}
						outer := keyOf(call.Common().Args[i])
						outer.path += k.path
						out = append(out, handOver{fn: fn, at: call, key: outer})
					}
				}
			}
		}
		return out
	}
	return nil
}

// finalSignals lists the signal objects that the goroutine, on every path
// on which its body returns, signals last: a deferred wg.Done() or
// close(ch), or a Done, send or close that every path to a return passes
// through. Keys are in the starting function; the value says whether the
// object is a WaitGroup. A goroutine with no body here (go helper(wg))
// has none.
func (e *engine) finalSignals(g *ssa.Go, body *frame) map[sigKey]bool {
	out := make(map[sigKey]bool)
	if body == nil {
		return out
	}
	at := make(map[sigKey][]*ssa.BasicBlock)
	for _, b := range body.fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Defer:
				for _, s := range e.signalsOf(x.Common(), body) {
					if deferCoversReturns(x) {
						out[s.key] = s.isWG
					}
				}
			case *ssa.Send:
				if k, ok := body.outerKey(x.Chan); ok && quietAfter(x) {
					at[k] = append(at[k], b)
				}
			case *ssa.Call:
				if !quietAfter(x) {
					continue
				}
				for _, s := range e.signalsOf(x.Common(), body) {
					at[s.key] = append(at[s.key], b)
				}
			}
		}
	}
	for k, blocks := range at {
		if _, done := out[k]; done {
			continue
		}
		if e.everyReturnPasses(body.fn, blocks) {
			out[k] = isWaitGroup(k, body, blocks)
		}
	}
	return out
}

// quietAfter reports whether nothing but bookkeeping follows instr on any
// path to the end of its function: no call, go or defer statement, so a
// signal there is the goroutine's last act (a send followed by more work,
// `connCh <- conn; serve(t, conn)`, is not a join for a receiver).
func quietAfter(instr ssa.Instruction) bool {
	quiet := func(instrs []ssa.Instruction) bool {
		for _, x := range instrs {
			if _, ok := x.(ssa.CallInstruction); ok {
				return false
			}
		}
		return true
	}
	b := instr.Block()
	if !quiet(b.Instrs[indexOf(b, instr)+1:]) {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{b: true}
	queue := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if seen[s] {
			continue
		}
		seen[s] = true
		if !quiet(s.Instrs) {
			return false
		}
		queue = append(queue, s.Succs...)
	}
	return true
}

// A signal is one object a call signals: wg.Done() or close(ch).
type signal struct {
	key  sigKey
	isWG bool
}

// signalsOf returns what a call in frame f signals directly: Done on a
// WaitGroup, close of a channel; a function literal called (or deferred)
// there counts with what its own body signals.
func (e *engine) signalsOf(c *ssa.CallCommon, f *frame) []signal {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		if b.Name() == "close" && len(c.Args) == 1 {
			if k, ok := f.outerKey(c.Args[0]); ok {
				return []signal{{key: k}}
			}
		}
		return nil
	}
	if recv, ok := waitGroupDone(c); ok {
		if k, ok := f.outerKey(recv); ok {
			return []signal{{key: k, isWG: true}}
		}
		return nil
	}
	mc, ok := c.Value.(*ssa.MakeClosure)
	if !ok {
		return nil
	}
	inner := e.bodyFrame(c, f)
	if inner == nil || mc.Fn != ssa.Value(inner.fn) {
		return nil
	}
	var out []signal
	for _, b := range inner.fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				if k, ok := inner.outerKey(x.Chan); ok {
					out = append(out, signal{key: k})
				}
			case *ssa.Call:
				if _, isClosure := x.Common().Value.(*ssa.MakeClosure); !isClosure {
					out = append(out, e.signalsOf(x.Common(), inner)...)
				}
			}
		}
	}
	return out
}

// waitGroupDone returns the receiver of a (*sync.WaitGroup).Done call.
func waitGroupDone(c *ssa.CallCommon) (ssa.Value, bool) {
	if c.IsInvoke() || len(c.Args) != 1 {
		return nil, false
	}
	key, ok := calleeKey(c)
	if !ok || key != (FuncKey{Pkg: "sync", Recv: "WaitGroup", Name: "Done"}) {
		return nil, false
	}
	return c.Args[0], true
}

// waitGroupAdd returns the receiver of a (*sync.WaitGroup).Add call.
func waitGroupAdd(c *ssa.CallCommon) (ssa.Value, bool) {
	if c.IsInvoke() || len(c.Args) != 2 {
		return nil, false
	}
	key, ok := calleeKey(c)
	if !ok || key != (FuncKey{Pkg: "sync", Recv: "WaitGroup", Name: "Add"}) {
		return nil, false
	}
	return c.Args[0], true
}

// isWaitGroup reports whether the object signalled in blocks of f under
// key k is a WaitGroup (a Done call there) rather than a channel.
func isWaitGroup(k sigKey, f *frame, blocks []*ssa.BasicBlock) bool {
	for _, b := range blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if recv, ok := waitGroupDone(call.Common()); ok {
					if k2, ok := f.outerKey(recv); ok && k2 == k {
						return true
					}
				}
			}
		}
	}
	return false
}

// deferCoversReturns reports whether a defer is registered on every path
// to a return of its function: its block dominates every returning block.
func deferCoversReturns(d *ssa.Defer) bool {
	for _, b := range d.Parent().Blocks {
		if len(b.Instrs) == 0 || b == d.Parent().Recover {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !d.Block().Dominates(b) {
			return false
		}
	}
	return true
}

// everyReturnPasses reports whether every path from fn's entry to a
// return runs through one of blocks. Paths that end the goroutine
// otherwise (panic, a call that never returns or fails the test) do not
// count: a test that fails there has a louder problem.
func (e *engine) everyReturnPasses(fn *ssa.Function, blocks []*ssa.BasicBlock) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	stop := make(map[*ssa.BasicBlock]bool, len(blocks))
	for _, b := range blocks {
		stop[b] = true
	}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if stop[b] || e.blockEndsGoroutine(b) {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			return false
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	return true
}

// blockEndsGoroutine reports whether b panics or calls something that
// never returns or ends the calling goroutine (t.Fatal).
func (e *engine) blockEndsGoroutine(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch x := instr.(type) {
		case *ssa.Panic:
			return true
		case *ssa.Call:
			if class, _ := e.classifyCall(x.Common()); class == exitNoReturn || class == exitFailNow {
				return true
			}
		}
	}
	return false
}

// addsBefore reports whether fn calls Add on the WaitGroup k before
// instr: in instr's block earlier, or in a block that dominates it.
func (e *engine) addsBefore(fn *ssa.Function, instr ssa.Instruction, k sigKey) bool {
	at := instr.Block()
	pos := indexOf(at, instr)
	for _, b := range fn.Blocks {
		if !b.Dominates(at) {
			continue
		}
		for i, x := range b.Instrs {
			if b == at && i >= pos {
				break
			}
			call, ok := x.(*ssa.Call)
			if !ok {
				continue
			}
			if recv, ok := waitGroupAdd(call.Common()); ok && keyOf(recv) == k {
				return true
			}
		}
	}
	return false
}

// fromOutside reports whether v, a signal object's base in its function,
// came from outside it: a free variable, a parameter, or the cell a
// captured parameter lives in.
func fromOutside(v ssa.Value) bool {
	return isFreeOrParam(v) || paramCell(v) != nil
}

// paramCell returns the parameter whose value the Alloc v holds when v is
// the cell the builder makes for a parameter that a closure captures (one
// store, of the parameter), or nil.
func paramCell(v ssa.Value) *ssa.Parameter {
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var p *ssa.Parameter
	for _, r := range referrers(alloc) {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != alloc {
			continue
		}
		sp, ok := st.Val.(*ssa.Parameter)
		if !ok || p != nil {
			return nil
		}
		p = sp
	}
	return p
}
