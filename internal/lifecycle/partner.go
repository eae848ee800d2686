package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Orphaned channel partners: a goroutine sends on (or receives from) a
// channel made by the function that starts it, and that function has a
// path to return that performs fewer matching operations than the
// goroutines need: a select whose ctx.Done(), timeout or default case
// returns, an early return inside the receive loop, a return before the
// receive. The goroutines then block forever on the channel.

// An Orphan is a channel operation of a goroutine whose partner may never
// come.
type Orphan struct {
	// Chan is the make(chan) in the spawning function.
	Chan *ssa.MakeChan
	// Send: the goroutine sends (else it receives).
	Send bool
	// Ops is how many operations the goroutines may perform on the
	// channel, 0 when unbounded (a go statement or the operation in a
	// loop).
	Ops int
	// Cap is the channel's buffer size.
	Cap int64
	// Exit is the return of the spawning function reached without enough
	// matching operations.
	Exit ssa.Instruction
	// Via says what took that path: the select case or loop exit, as a
	// short phrase, or "".
	Via string
	// Matched is how many matching operations the path performs.
	Matched int
	// Goroutines is how many goroutines perform the operations at once:
	// 0 when a go statement runs an unknown number of times.
	Goroutines int
	// NextRound: the path reaches the make(chan) again (the next
	// iteration of a loop), abandoning this channel; Exit is the make.
	NextRound bool
	// FailOnly: every path that abandons the channel reports a test
	// failure first (t.Error, t.Errorf, t.Fail, assert.Fail): it is
	// abandoned only in a failing test.
	FailOnly bool
	// Closer, for receivers, is a call of the spawning function whose
	// callee closes the channel (`w.Close()` closing a field of w) on the
	// paths that do call it; nil when the function closes it directly or
	// not at all.
	Closer ssa.Instruction
}

// orphans finds the channel partners goroutine gr may wait for forever.
func (e *engine) orphans(gr *Goroutine) []*Orphan {
	if gr.Body == nil {
		return nil
	}
	fn := gr.Fn
	var out []*Orphan
	seen := make(map[*ssa.MakeChan]bool)
	for idx := range len(gr.Body.Params) + len(gr.Body.FreeVars) {
		v := bindingOf(gr.Go.Common(), gr.Body, idx)
		mc, _ := madeHere(fn, v)
		chans := fieldChans(fn, v) // held in a local struct's fields
		if mc != nil {
			chans = append(chans, mc)
		}
		for _, mc := range chans {
			if seen[mc] {
				continue
			}
			seen[mc] = true
			if o := e.orphanOn(gr, mc); o != nil {
				out = append(out, o)
			}
		}
	}
	return out
}

// madeHere returns the make(chan) of fn that v is, or the cell v holds it
// in (deref).
func madeHere(fn *ssa.Function, v ssa.Value) (*ssa.MakeChan, bool) {
	if ct, ok := v.(*ssa.ChangeType); ok {
		// A conversion to a send- or receive-only channel.
		return madeHere(fn, ct.X)
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if cell, ok := load.X.(*ssa.Alloc); ok {
			mc, _ := madeHere(fn, cell)
			return mc, false
		}
	}
	switch x := v.(type) {
	case *ssa.MakeChan:
		if x.Parent() == fn {
			return x, false
		}
	case *ssa.Alloc:
		var mc *ssa.MakeChan
		for _, r := range referrers(x) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == x {
				m, ok := st.Val.(*ssa.MakeChan)
				if !ok || mc != nil || m.Parent() != fn {
					return nil, false
				}
				mc = m
			}
		}
		return mc, mc != nil
	}
	return nil, false
}

// goSide is what one goroutine does with the channel.
type goSide struct {
	g *ssa.Go
	// send, recv, close: it performs the operation somewhere.
	send, recv, close bool
	// blockSend, blockRecv: some send (receive) of it can only proceed
	// with a partner.
	blockSend, blockRecv bool
	// ops: blocking operations per run, 0 = unbounded.
	ops int
	// perRun: the blocking operations of one run of the body, 0 =
	// unbounded, even when the go statement itself runs many times.
	perRun int
	// closeWait: it ranges over the channel (or tests ok).
	closeWait bool
	// repeated: the go statement may run more than once per channel.
	repeated bool
}

// orphanOn checks one channel of goroutine gr.
func (e *engine) orphanOn(gr *Goroutine, mc *ssa.MakeChan) *Orphan {
	fn := gr.Fn
	all := e.localChanUse(mc)
	if all.has(opEscape) || all.has(opLend) || all.foreign {
		return nil
	}
	capacity, ok := constInt(mc.Size)
	if !ok {
		return nil // sized at run time: assume it was sized for the senders
	}
	// Every goroutine of fn that uses the channel.
	var sides []*goSide
	accounted := make(map[ssa.Instruction]bool)
	var mine *goSide
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || g.Call.IsInvoke() {
				continue
			}
			body := g.Call.StaticCallee()
			if body == nil {
				continue
			}
			side := e.sideOf(fn, g, body, mc)
			if side == nil {
				continue
			}
			for _, op := range side.opsList {
				accounted[op.instr] = true
			}
			sides = append(sides, &side.goSide)
			if g == gr.Go {
				mine = &side.goSide
			}
		}
	}
	if mine == nil {
		return nil
	}
	// The spawning function's own operations; anything else (a callee,
	// a closure called in place) is not followed.
	var parent []chanOp
	var closers []ssa.Instruction
	for _, op := range all.ops {
		if accounted[op.instr] {
			continue
		}
		if op.instr.Parent() != fn {
			// A close in a callee (a method whose body closes the
			// field) counts where fn calls it; anything else in a
			// closure called in place, a callee, or a deferred
			// function literal (which closes it on every path): not
			// followed.
			sites := closeSites(fn, op.instr.Parent(), all.calls, 0)
			if op.kind != opClose || len(sites) == 0 {
				return nil
			}
			for _, s := range sites {
				parent = append(parent, chanOp{kind: opClose, instr: s, state: -1})
			}
			closers = append(closers, sites...)
			continue
		}
		parent = append(parent, op)
	}
	for _, op := range parent {
		if _, ok := op.instr.(*ssa.Defer); ok && op.kind == opClose {
			return nil // defer close(ch): closed on every path
		}
	}
	nSend, nRecv := 0, 0
	for _, s := range sides {
		if s.send {
			nSend++
		}
		if s.recv {
			nRecv++
		}
	}
	switch {
	case mine.blockSend && !mine.recv && nRecv == 0:
		return e.orphanedSenders(gr, mc, sides, parent, capacity)
	case mine.blockRecv && !mine.send && nSend == 0:
		o := e.orphanedReceivers(gr, mc, sides, parent)
		if o != nil && len(closers) > 0 {
			o.Closer = firstByPos(closers)
		}
		return o
	}
	return nil
}

type sideInfo struct {
	goSide
	opsList []chanOp
}

// sideOf returns what goroutine g (running body) does with mc, or nil if
// it does not use it.
func (e *engine) sideOf(fn *ssa.Function, g *ssa.Go, body *ssa.Function, mc *ssa.MakeChan) *sideInfo {
	var uses []ssa.Value
	u := &chanUse{}
	w := e.newChanWalker(u)
	for idx := range len(body.Params) + len(body.FreeVars) {
		v := bindingOf(g.Common(), body, idx)
		var p ssa.Value
		if idx < len(body.Params) {
			p = body.Params[idx]
		} else {
			p = body.FreeVars[idx-len(body.Params)]
		}
		if m, _ := madeHere(fn, v); m == mc {
			uses = append(uses, p)
			continue
		}
		// The goroutine reaches mc through a field of a local struct.
		if obj, viaCell := localStructOf(fn, v); obj != nil {
			if field, ok := fieldOf(obj, mc); ok {
				if viaCell {
					w.structCell(p, field, 0)
				} else {
					w.structField(p, field, 0)
				}
				uses = append(uses, nil)
			}
		}
	}
	if len(uses) == 0 {
		return nil
	}
	for _, p := range uses {
		if p == nil {
			continue // walked through its struct above
		}
		if _, isPtr := p.Type().Underlying().(*types.Pointer); isPtr {
			w.cell(p, 0)
		} else {
			w.value(p, 0)
		}
	}
	si := &sideInfo{opsList: u.ops}
	si.g = g
	unbounded := !onePerMake(g, mc)
	si.repeated = unbounded
	var blocking []chanOp
	for _, op := range u.ops {
		switch op.kind {
		case opSend, opRecv:
			// Any operation makes the goroutine a partner; only one
			// outside a select with a way out can block it forever.
			if op.kind == opSend {
				si.send = true
			} else {
				si.recv = true
			}
			if e.guarded(body, op) {
				continue
			}
			if op.kind == opSend {
				si.blockSend = true
			} else {
				si.blockRecv = true
				si.closeWait = si.closeWait || isRangeOrOk(op)
			}
			blocking = append(blocking, op)
		case opClose:
			si.close = true
		case opEscape:
			si.send, si.recv = true, true
		}
	}
	n, many := e.countOps(body, blocking, w.calls, 0)
	switch {
	case many:
	case n == 0:
		// The operations are unreachable: it never blocks on them.
		si.blockSend, si.blockRecv = false, false
	default:
		si.perRun = n
		if !unbounded {
			si.ops = n
		}
	}
	return si
}

// guarded reports whether op sits in a select that can also proceed
// another way: a default case, or a case on a live stop source.
func (e *engine) guarded(body *ssa.Function, op chanOp) bool {
	sel, ok := op.instr.(*ssa.Select)
	if !ok {
		return false
	}
	if !sel.Blocking {
		return true
	}
	for k, st := range sel.States {
		if k == op.state || st.Dir != types.RecvOnly {
			continue
		}
		src := e.classify(sel.Parent(), st.Chan, facts.StopRecv)
		if src.kind == srcVar {
			// A parameter or captured variable: dead only if what the
			// go statement binds is dead; assume live.
			return true
		}
		if src.kind == srcLive {
			return true
		}
	}
	return false
}

// isRangeOrOk reports whether a receive waits for the channel to close
// (a range loop, or a comma-ok receive whose ok is tested).
func isRangeOrOk(op chanOp) bool {
	u, ok := op.instr.(*ssa.UnOp)
	return ok && u.CommaOk && len(okEdges(u)) > 0
}

// countOps returns how many of ops one run of fn may perform at most,
// following the calls through which the channel reached callees; many
// when that is unbounded (an operation or such a call in a loop, or in a
// goroutine of its own).
func (e *engine) countOps(fn *ssa.Function, ops []chanOp, calls map[ssa.Instruction]*ssa.Function, depth int) (n int, many bool) {
	if depth > maxChanDepth || len(fn.Blocks) == 0 {
		return 0, true
	}
	per := make(map[*ssa.BasicBlock]int)
	// once: operations in a loop that run at most once per run of fn
	// (behind a flag they set); they add to the total off the path.
	once := 0
	for _, op := range ops {
		if op.instr.Parent() != fn {
			continue
		}
		if e.loopOf(op.instr.Block()) >= 0 {
			if !e.onceGuarded(op.instr.Block()) {
				return 0, true
			}
			once++
			continue
		}
		per[op.instr.Block()]++
	}
	// Closures called or deferred in place run once per such call.
	followed := make(map[ssa.Instruction]*ssa.Function)
	for instr, callee := range calls {
		if instr.Parent() == fn {
			followed[instr] = callee
		}
	}
	for instr, lit := range inPlaceClosures(fn) {
		followed[instr] = lit
	}
	for instr, callee := range followed {
		if _, isGo := instr.(*ssa.Go); isGo {
			return 0, true
		}
		k, kmany := e.countOps(callee, ops, calls, depth+1)
		if kmany {
			return 0, true
		}
		if k == 0 {
			continue
		}
		if e.loopOf(instr.Block()) >= 0 {
			return 0, true
		}
		per[instr.Block()] += k
	}
	if depth == 0 {
		// Operations in functions the walk reached some other way (a
		// closure made in the body and stored or passed on) happen an
		// unknown number of times.
		for _, op := range ops {
			if op.instr.Parent() != fn && !reachedByCall(op.instr.Parent(), calls) && !inPlaceNested(fn, op.instr.Parent()) {
				return 0, true
			}
		}
	}
	// Longest path by relaxation: every weighted block is outside the
	// loops, so cycles weigh nothing and the values settle.
	dist := make([]int, len(fn.Blocks))
	for changed, rounds := true, 0; changed && rounds <= len(fn.Blocks); rounds++ {
		changed = false
		for i := len(fn.Blocks) - 1; i >= 0; i-- {
			b := fn.Blocks[i]
			best := 0
			for _, s := range b.Succs {
				best = max(best, dist[s.Index])
			}
			if d := best + per[b]; d > dist[i] {
				dist[i] = d
				changed = true
			}
		}
	}
	return dist[0] + once, false
}

// inPlaceNested reports whether lit is a function literal that fn runs
// in place (called or deferred where it is made), directly or through
// such literals nested in each other.
func inPlaceNested(fn, lit *ssa.Function) bool {
	for depth := 0; lit != nil && depth <= maxChanDepth; depth++ {
		parent := lit.Parent()
		if parent == nil {
			return false
		}
		found := false
		for _, l := range inPlaceClosures(parent) {
			found = found || l == lit
		}
		if !found {
			return false
		}
		if parent == fn {
			return true
		}
		lit = parent
	}
	return false
}

// reachedByCall reports whether fn is the callee of a followed call.
func reachedByCall(fn *ssa.Function, calls map[ssa.Instruction]*ssa.Function) bool {
	for _, c := range calls {
		if c == fn {
			return true
		}
	}
	return false
}

func constInt(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return c.Int64(), true
}

// orphanedSenders: goroutines send on mc and the spawning function
// receives. Report a path to return with fewer receives than the sends
// the buffer cannot hold.
func (e *engine) orphanedSenders(gr *Goroutine, mc *ssa.MakeChan, sides []*goSide, parent []chanOp, capacity int64) *Orphan {
	total, unbounded := 0, false
	senders, goroutines := 0, 0
	for _, s := range sides {
		if s.blockSend {
			senders++
		}
	}
	for _, s := range sides {
		if !s.blockSend {
			continue
		}
		if s.repeated && senders == 1 && s.perRun == 1 && joinedPerRound(s.g, parent) {
			// Started once per iteration, but each one's send is
			// received before the next starts: one sender at a time.
			total++
			goroutines++
			continue
		}
		if s.repeated {
			goroutines = -senders
		} else if goroutines >= 0 {
			goroutines++
		}
		if s.ops == 0 {
			unbounded = true
			continue
		}
		total += s.ops
	}
	need := -1 // unbounded: only a drain or a join satisfies
	if !unbounded {
		if int64(total) <= capacity {
			return nil
		}
		need = total - int(capacity)
	}
	for _, op := range parent {
		if op.kind == opSend || op.kind == opEscape {
			return nil // the spawner sends too: not a simple partner
		}
	}
	// A select case on another channel this same goroutine sends on,
	// closes or watches: not a path on which it waits here.
	siblings := make(map[ssa.Value]bool)
	for _, other := range e.coordinated(gr, mc) {
		siblings[other] = true
	}

	o := e.unmatchedPath(gr, mc, parent, opRecv, need, true, siblings, false)
	if o != nil {
		// Goroutines that complete by one send on either of several
		// channels (alternatives.go): a receive on any of them counts.
		if alt, altNeed, ok := e.alternativeCompletions(gr, mc, sides, parent, capacity); ok {
			parent, need = alt, altNeed
			o = e.unmatchedPath(gr, mc, parent, opRecv, need, true, siblings, false)
		}
	}
	if o == nil {
		return nil
	}
	o.FailOnly = e.unmatchedPath(gr, mc, parent, opRecv, need, true, siblings, true) == nil
	o.Send = true
	o.Cap = capacity
	o.Goroutines = max(goroutines, 0)
	if !unbounded {
		o.Ops = total
	}
	return o
}

// orphanedReceivers: goroutines receive from mc and the spawning
// function sends or closes. Report a path to return with neither a close
// nor enough sends.
func (e *engine) orphanedReceivers(gr *Goroutine, mc *ssa.MakeChan, sides []*goSide, parent []chanOp) *Orphan {
	total, unbounded, closeWait := 0, false, false
	for _, s := range sides {
		if !s.blockRecv {
			continue
		}
		closeWait = closeWait || s.closeWait
		if s.ops == 0 {
			unbounded = true
			continue
		}
		total += s.ops
	}
	if len(parent) == 0 {
		return nil // nothing at all: the unstoppable-goroutine check reports it
	}
	for _, op := range parent {
		if op.kind == opRecv || op.kind == opEscape {
			return nil
		}
	}
	need := total
	if unbounded || closeWait {
		need = -1 // only a close (or a join) satisfies
	}
	// Leaving a send loop hands every receiver a value only when each
	// takes one; receivers that range need the close.
	siblings := make(map[ssa.Value]bool)
	for _, other := range e.coordinated(gr, mc) {
		siblings[other] = true
	}
	o := e.unmatchedPath(gr, mc, parent, opSend, need, !closeWait, siblings, false)
	if o == nil {
		return nil
	}
	o.FailOnly = e.unmatchedPath(gr, mc, parent, opSend, need, !closeWait, siblings, true) == nil
	o.Cap, _ = constInt(mc.Size)
	if !unbounded && !closeWait {
		o.Ops = total
	}
	return o
}

// pstate is a point of the path search: a block and how many matching
// operations the path performed (need = satisfied).
type pstate struct {
	b     *ssa.BasicBlock
	count int
}

// unmatchedPath searches the spawning function, from the go statement,
// for a return reached with fewer than need matching operations (need <
// 0: without a close, a join or a drained loop). match is the operation
// kind the spawner performs (opRecv for senders, opSend for receivers).
// passing: follow only paths on which the test has not reported a
// failure (a t.Error ends the path).
func (e *engine) unmatchedPath(gr *Goroutine, mc *ssa.MakeChan, parent []chanOp, match chanOpKind, need int, loopSaturates bool, siblings map[ssa.Value]bool, passing bool) *Orphan {
	fn := gr.Fn
	const sat = 1 << 20
	limit := need
	if need < 0 {
		limit = sat
	}
	// Operations by instruction, and select cases by dispatch edge.
	opAt := make(map[ssa.Instruction]chanOp)
	caseOp := make(map[edge]chanOp)
	otherCase := make(map[edge]string)
	pruned := make(map[edge]bool)
	loopsWithOp := make(map[int]bool)
	for _, op := range parent {
		if op.kind != match && op.kind != opClose {
			continue
		}
		if sel, ok := op.instr.(*ssa.Select); ok && op.state >= 0 {
			if ed, ok := selectCases(sel)[op.state]; ok {
				caseOp[ed] = op
			}
		} else {
			opAt[op.instr] = op
		}
		if l := e.loopOf(op.instr.Block()); l >= 0 && op.kind == match {
			loopsWithOp[l] = true
		}
	}
	// The other cases of selects that perform a matching operation: the
	// path through them performs none.
	for _, op := range parent {
		sel, ok := op.instr.(*ssa.Select)
		if !ok {
			continue
		}
		cases := selectCases(sel)
		for k, st := range sel.States {
			if ed, ok := cases[k]; ok && st.Chan != mc {
				if _, mine := caseOp[ed]; !mine {
					otherCase[ed] = e.caseName(st)
					m, _ := madeHere(fn, st.Chan)
					if m != nil && siblings[m] && st.Dir == types.RecvOnly {
						pruned[ed] = true
					}
				}
			}
		}
		if !sel.Blocking {
			if ed, ok := cases[len(sel.States)-1]; ok {
				otherCase[edge{ed.b, 1}] = "the default case"
			}
		}
	}
	type item struct {
		pstate
		from int
		via  string
	}
	start := gr.Go.Block()
	startIdx := indexOf(start, gr.Go) + 1
	visited := make(map[pstate]bool)
	queue := []item{{pstate{start, 0}, startIdx, ""}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		count, via := it.count, it.via
		b := it.b
		ended := false
		for i := it.from; i < len(b.Instrs) && !ended; i++ {
			instr := b.Instrs[i]
			if op, ok := opAt[instr]; ok {
				count = bump(count, op.kind == opClose, need, limit)
			}
			if instr == mc && count < limit {
				// The next round makes a new channel: this one is
				// abandoned with its goroutines.
				v := via
				if v == "" {
					v = "the next iteration"
				}
				return &Orphan{Chan: mc, Exit: mc, Via: v, Matched: count, NextRound: true}
			}
			switch x := instr.(type) {
			case *ssa.Return:
				if count < limit {
					return &Orphan{Chan: mc, Exit: x, Via: via, Matched: count}
				}
				ended = true
			case *ssa.Panic:
				ended = true
			case *ssa.Call:
				if isJoin(x.Common()) {
					count = limit
				}
				if class, _ := e.classifyCall(x.Common()); class == exitNoReturn || class == exitFailNow {
					ended = true
				}
				if passing && reportsFailure(x.Common()) {
					ended = true // the test fails on this path
				}
			}
		}
		if ended {
			continue
		}
		for si, s := range b.Succs {
			c, v := count, via
			ed := edge{b, si}
			if pruned[ed] {
				continue
			}
			if op, ok := caseOp[ed]; ok {
				c = bump(c, op.kind == opClose, need, limit)
			}
			if name, ok := otherCase[ed]; ok && v == "" {
				v = name
			}
			if l := e.loopOf(b); l >= 0 && loopsWithOp[l] && e.loopOf(s) != l {
				// Leaving a loop that performs the operation.
				early := e.earlyExit(b, si, opAt)
				if early && v == "" {
					v = "leaving the loop early"
				}
				if !early && loopSaturates {
					c = limit
				}
			} else if l := e.zeroTripLoop(b, si); l >= 0 && loopsWithOp[l] && loopSaturates {
				// A `for range n` loop that makes no turn (zerotrip.go).
				c = limit
			}
			st := pstate{s, c}
			if c >= limit {
				st.count = limit
			}
			if visited[st] {
				continue
			}
			visited[st] = true
			queue = append(queue, item{st, 0, v})
		}
	}
	return nil
}

// caseName describes a select case for messages.
func (e *engine) caseName(st *ssa.SelectState) string {
	if n := e.nameOf(st.Chan); n != "" {
		if st.Dir == types.SendOnly {
			return "the case sending on " + n
		}
		return "the " + n + " case"
	}
	return "another case"
}

// earlyExit reports whether leaving a loop by edge b.Succs[si] is an
// early exit (a select case, or a test of a received value) rather than
// the loop running its course.
func (e *engine) earlyExit(b *ssa.BasicBlock, si int, opAt map[ssa.Instruction]chanOp) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	// A range over the channel itself ends when it is closed: drained.
	if x, ok := iff.Cond.(*ssa.Extract); ok && x.Index == 1 {
		if recv, ok := x.Tuple.(*ssa.UnOp); ok && recv.Op == token.ARROW {
			if _, mine := opAt[recv]; mine {
				return false
			}
		}
	}
	return dependsOnRecv(iff.Cond, 0)
}

// bump counts one matching operation (closing satisfies every need); an
// unbounded need (< 0) only tells none from some.
func bump(count int, closes bool, need, limit int) int {
	switch {
	case closes:
		return limit
	case count >= limit:
		return count
	case need < 0:
		return max(count, 1)
	}
	return count + 1
}

// dependsOnRecv reports whether v is computed from a received value or
// a select's chosen case.
func dependsOnRecv(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	depth++
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return true
		}
		return dependsOnRecv(x.X, depth)
	case *ssa.Select:
		return true
	case *ssa.Extract:
		return dependsOnRecv(x.Tuple, depth)
	case *ssa.BinOp:
		return dependsOnRecv(x.X, depth) || dependsOnRecv(x.Y, depth)
	case *ssa.Field:
		return dependsOnRecv(x.X, depth)
	case *ssa.FieldAddr:
		return dependsOnRecv(x.X, depth)
	case *ssa.ChangeType:
		return dependsOnRecv(x.X, depth)
	case *ssa.TypeAssert:
		return dependsOnRecv(x.X, depth)
	case *ssa.Phi:
		for _, ed := range x.Edges {
			if ed != x && dependsOnRecv(ed, depth) {
				return true
			}
		}
	case *ssa.Alloc:
		// A local struct the received value was stored in.
		for _, r := range referrers(x) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == x && dependsOnRecv(st.Val, depth) {
				return true
			}
		}
	}
	return false
}

// isJoin reports whether a call waits for goroutines to finish:
// (*sync.WaitGroup).Wait or an errgroup's Wait.
func isJoin(c *ssa.CallCommon) bool {
	var obj *types.Func
	if c.IsInvoke() {
		obj = c.Method
	} else if callee := c.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	if obj == nil || obj.Name() != "Wait" {
		return false
	}
	key := FuncKeyOf(obj)
	switch key.Pkg {
	case "sync":
		return key.Recv == "WaitGroup"
	case "golang.org/x/sync/errgroup":
		return key.Recv == "Group"
	}
	return false
}

// coordinated lists the other channels made by gr's spawner that gr
// also uses: it sends on them or closes them (instead of, or after, the
// operation in question), or watches them as a stop signal. The
// spawner taking a select case on one of them means the goroutine chose
// that way too, or will see it and stop.
func (e *engine) coordinated(gr *Goroutine, except *ssa.MakeChan) []*ssa.MakeChan {
	var out []*ssa.MakeChan
	for idx := range len(gr.Body.Params) + len(gr.Body.FreeVars) {
		mc, _ := madeHere(gr.Fn, bindingOf(gr.Go.Common(), gr.Body, idx))
		if mc == nil || mc == except {
			continue
		}
		if side := e.sideOf(gr.Fn, gr.Go, gr.Body, mc); side != nil && (side.send || side.close || side.recv) {
			out = append(out, mc)
		}
	}
	return out
}

// onePerMake reports whether go statement g runs at most once for each
// channel mc makes: every cycle through g passes the make.
func onePerMake(g *ssa.Go, mc *ssa.MakeChan) bool {
	start := g.Block()
	if mc.Block() == start && indexOf(start, mc) > indexOf(start, g) {
		return false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == mc.Block() || seen[b] {
			continue
		}
		if b == start {
			return false
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return true
}
