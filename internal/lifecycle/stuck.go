package lifecycle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// This file decides whether a function, once running, can wait forever:
// it collects the function's gates (the CFG edges and blocking operations
// that only a stop source can open), prunes the CFG of the gates whose
// sources are dead, and looks for a reachable point from which no exit
// (return, panic, a call that never returns) can be reached. Parameters
// and captured variables that are stop sources are summarised: the
// function may wait forever if they are dead (facts.Stop).

// stopState holds the per-package state of the goroutine analyses.
type stopState struct {
	localChans map[*ssa.MakeChan]*chanUse
	objects    map[*types.Var]*chanUse
	read       map[*types.Var]bool
	funcs      []*ssa.Function
	summaries  map[*ssa.Function]*stopSummary
	busy       map[*ssa.Function]bool
	closures   map[*ssa.Function]*ssa.MakeClosure
	classes    map[classKey]source
	budget     int // values a classification may still visit
	partial    int // cycle or budget hits, to keep provisional results out of the memo
	goroutines []*Goroutine
	gDone      bool
	drains     []*Drain
	dDone      bool
	// spawns: per declared function, its goroutines that wait only on
	// its parameters (spawns.go).
	spawns map[*ssa.Function][]spawnSet
	// impls: the package's implementations of its unexported
	// interfaces' methods (implementations.go).
	impls map[ifaceMethodKey][]*ssa.Function
	// resultBusy: the helpers whose returned done channel is being
	// followed to their callers (returnedjoin.go).
	resultBusy map[*ssa.Function]bool
}

func (e *engine) stop() *stopState {
	if e.st == nil {
		e.st = &stopState{
			localChans: make(map[*ssa.MakeChan]*chanUse),
			summaries:  make(map[*ssa.Function]*stopSummary),
			busy:       make(map[*ssa.Function]bool),
			classes:    make(map[classKey]source),
		}
	}
	return e.st
}

// Stuck describes where a function waits forever, and why.
type Stuck struct {
	// Fn is the function that waits; nil when it is in another package.
	Fn *ssa.Function
	// At is the loop (its for keyword) or the wait that never ends.
	At token.Pos
	// Loop: At is a loop that never exits.
	Loop bool
	// Dead lists the stop sources that would have ended the wait, each
	// dead. It is empty for a loop with no exit at all.
	Dead []DeadSource
	// Desc describes a wait inside a function of another package.
	Desc string
}

// DeadSource is a stop source that can never fire.
type DeadSource struct {
	// Pos is where the code waits on it.
	Pos token.Pos
	// Name is how the code names it ("ctx", "s.quit"), or "".
	Name string
	// Why says why nothing can fire it ("comes from
	// context.Background(): its Done channel is nil").
	Why string
	// Kind classifies the source.
	Kind DeadKind
	// Callee, when set, is the function called at Pos that waits: on
	// this source, or (Name empty) forever, Why then saying where.
	Callee string

	// value is the waited value at Pos, named lazily.
	value ssa.Value
	// v is the source, kept until a srcVar is resolved by a caller.
	v source
}

// text renders the source as "`ctx` comes from ...".
func (d *DeadSource) text() string {
	if d.Callee != "" && d.value == nil && d.Name == "" {
		return d.Callee + " never returns: " + d.Why
	}
	t := d.Why
	switch {
	case d.Name != "":
		t = d.Name + " " + d.Why
	case d.value != nil && d.Kind == DeadContext:
		t = "the context " + d.Why
	case d.value != nil:
		t = "the channel " + d.Why
	}
	if d.Callee != "" {
		t += " (" + d.Callee + " waits on it)"
	}
	return t
}

// Reasons joins the dead sources' descriptions.
func (s *Stuck) Reasons() string {
	var parts []string
	for i := range s.Dead {
		parts = append(parts, s.Dead[i].text())
	}
	return strings.Join(parts, "; ")
}

// describe renders s for a fact read in other packages.
func (s *Stuck) describe(fset *token.FileSet) string {
	if s.Desc != "" {
		return s.Desc
	}
	where := ""
	if s.At.IsValid() {
		p := fset.Position(s.At)
		where = fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
	}
	var head string
	switch {
	case s.Loop && len(s.Dead) == 0:
		head = "the loop at " + where + " has no exit"
	case s.Loop:
		head = "the loop at " + where + " never exits"
	default:
		head = "it waits forever at " + where
	}
	if r := s.Reasons(); r != "" {
		head += ": " + r
	}
	return head
}

// waitOn is one stop source a gate waits for.
type waitOn struct {
	src source
	// value is the waited value (for its name), nil for a callee.
	value ssa.Value
	// callee, when set, waits inside (with desc saying where).
	callee string
	desc   string
}

// A gate is a point where progress needs a stop source: the edge
// block.Succs[succ], or (succ < 0) everything after instr in block.
type gate struct {
	block *ssa.BasicBlock
	succ  int
	instr ssa.Instruction
	// sets: the gate is closed when every source of some set is dead.
	sets [][]waitOn
}

// varKey identifies a variable waited on in one mode.
type varKey struct {
	index int
	mode  facts.StopMode
}

func (s source) key() varKey { return varKey{s.index, s.mode} }

type stopSet struct {
	vars  []source
	stuck *Stuck
}

// stopSummary says how a function can be made to return.
type stopSummary struct {
	never *Stuck
	only  []stopSet
}

func (s *stopSummary) empty() bool { return s == nil || s.never == nil && len(s.only) == 0 }

// stopSummaryOf returns fn's stop summary: computed for functions of this
// package, imported from facts otherwise; nil when nothing is known.
func (e *engine) stopSummaryOf(fn *ssa.Function) *stopSummary {
	if fn == nil {
		return nil
	}
	st := e.stop()
	if s, ok := st.summaries[fn]; ok {
		return s
	}
	if st.busy[fn] {
		return nil
	}
	var s *stopSummary
	if fn.Blocks != nil && e.isLocal(fn) {
		st.busy[fn] = true
		s = e.computeStop(fn)
		delete(st.busy, fn)
	} else {
		s = e.importedStop(fn)
	}
	st.summaries[fn] = s
	return s
}

// importedStop reads the Stop fact of a function of another package.
func (e *engine) importedStop(fn *ssa.Function) *stopSummary {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == e.pass.Pkg || IsStdPath(obj.Pkg().Path()) {
		return nil
	}
	var f facts.Stop
	if !e.pass.ImportObjectFact(obj.Origin(), &f) {
		return nil
	}
	s := &stopSummary{}
	if f.Never != "" {
		s.never = &Stuck{Desc: f.Never}
	}
	for _, set := range f.Only {
		ss := stopSet{stuck: &Stuck{Desc: set.Where}}
		for _, p := range set.Params {
			ss.vars = append(ss.vars, source{kind: srcVar, index: p.Index, mode: p.Mode})
		}
		s.only = append(s.only, ss)
	}
	return s
}

// computeStop summarises a function of this package.
func (e *engine) computeStop(fn *ssa.Function) *stopSummary {
	gates := e.gatesOf(fn)
	if len(gates) == 0 && len(e.cfgOf(fn).loops) == 0 {
		return &stopSummary{}
	}
	s := &stopSummary{}
	if st := e.evaluate(fn, gates, nil); st != nil {
		s.never = st
		return s
	}
	// The parameters and captured variables that gates wait on, each
	// with the way it is waited on: a channel may deliver values and
	// never close, so its modes die separately.
	byKey := make(map[varKey]source)
	var order []varKey
	for _, g := range gates {
		for _, set := range g.sets {
			for _, w := range set {
				if w.src.kind != srcVar {
					continue
				}
				k := w.src.key()
				if _, ok := byKey[k]; !ok {
					byKey[k] = w.src
					order = append(order, k)
				}
			}
		}
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].index != order[j].index {
			return order[i].index < order[j].index
		}
		return order[i].mode < order[j].mode
	})
	var subsets [][]int
	if len(order) <= 4 {
		for mask := 1; mask < 1<<len(order); mask++ {
			var sub []int
			for i := range order {
				if mask&(1<<i) != 0 {
					sub = append(sub, i)
				}
			}
			subsets = append(subsets, sub)
		}
		sort.SliceStable(subsets, func(i, j int) bool { return len(subsets[i]) < len(subsets[j]) })
	} else {
		var all []int
		for i := range order {
			subsets = append(subsets, []int{i})
			all = append(all, i)
		}
		subsets = append(subsets, all)
	}
	var found [][]int
	for _, sub := range subsets {
		if containsSubset(found, sub) {
			continue
		}
		dead := make(map[varKey]bool, len(sub))
		for _, i := range sub {
			dead[order[i]] = true
		}
		st := e.evaluate(fn, gates, dead)
		if st == nil {
			continue
		}
		found = append(found, sub)
		set := stopSet{stuck: st}
		for _, i := range sub {
			set.vars = append(set.vars, byKey[order[i]])
		}
		s.only = append(s.only, set)
	}
	return s
}

func containsSubset(found [][]int, sub []int) bool {
	for _, f := range found {
		all := true
		for _, x := range f {
			in := false
			for _, y := range sub {
				in = in || x == y
			}
			all = all && in
		}
		if all {
			return true
		}
	}
	return false
}

// gatesOf collects the gates of fn.
func (e *engine) gatesOf(fn *ssa.Function) []gate {
	var gs []gate
	one := func(b *ssa.BasicBlock, succ int, instr ssa.Instruction, w waitOn) {
		gs = append(gs, gate{block: b, succ: succ, instr: instr, sets: [][]waitOn{{w}}})
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Select:
				if len(x.States) == 0 && x.Blocking {
					one(b, -1, x, waitOn{src: deadSource(DeadSelect, "select {} blocks forever")})
					continue
				}
				e.selectGates(fn, x, &gs)
			case *ssa.UnOp:
				if x.Op != token.ARROW {
					continue
				}
				one(b, -1, x, waitOn{src: e.classify(fn, x.X, facts.StopRecv), value: x.X})
				if x.CommaOk {
					for _, ed := range okEdges(x) {
						one(ed.b, ed.succ, x, waitOn{src: e.classify(fn, x.X, facts.StopClose), value: x.X})
					}
				}
			case *ssa.Send:
				// A channel parameter's receivers are the caller's
				// business: only local channels and nil are judged.
				if s := e.classify(fn, x.Chan, facts.StopSend); s.kind == srcDead {
					one(b, -1, x, waitOn{src: s, value: x.Chan})
				}
			case *ssa.If:
				if recv, succ, ok := ctxErrCheck(x); ok {
					one(b, succ, x, waitOn{src: e.classify(fn, recv, facts.StopCtx), value: recv})
				}
			case *ssa.Call:
				e.callGates(fn, x, &gs)
			}
		}
	}
	return gs
}

type edge struct {
	b    *ssa.BasicBlock
	succ int
}

// okEdges returns the edges taken when the ok result of a comma-ok
// receive (tuple v, component okIdx) is false.
func okEdgesOf(ok ssa.Value) []edge {
	var out []edge
	for _, r := range referrers(ok) {
		switch r := r.(type) {
		case *ssa.If:
			out = append(out, edge{r.Block(), 1})
		case *ssa.UnOp:
			if r.Op != token.NOT {
				continue
			}
			for _, rr := range referrers(r) {
				if iff, ok := rr.(*ssa.If); ok {
					out = append(out, edge{iff.Block(), 0})
				}
			}
		}
	}
	return out
}

func okEdges(recv *ssa.UnOp) []edge {
	var out []edge
	for _, r := range referrers(recv) {
		if x, ok := r.(*ssa.Extract); ok && x.Index == 1 {
			out = append(out, okEdgesOf(x)...)
		}
	}
	return out
}

// selectCases maps each case of a select to the edge that dispatches it.
func selectCases(sel *ssa.Select) map[int]edge {
	out := make(map[int]edge)
	for _, r := range referrers(sel) {
		x, ok := r.(*ssa.Extract)
		if !ok || x.Index != 0 {
			continue
		}
		for _, rr := range referrers(x) {
			cmp, ok := rr.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL {
				continue
			}
			k, ok := cmp.Y.(*ssa.Const)
			if !ok {
				continue
			}
			for _, u := range referrers(cmp) {
				if iff, ok := u.(*ssa.If); ok {
					out[int(k.Int64())] = edge{iff.Block(), 0}
				}
			}
		}
	}
	return out
}

// selectGates adds the gates of a select: each case's dispatch edge
// waits on its channel; the fall-through of a blocking select is never
// taken; a tested ok of a receive case waits for its channel to close.
func (e *engine) selectGates(fn *ssa.Function, sel *ssa.Select, gs *[]gate) {
	cases := selectCases(sel)
	// What lets each case be chosen.
	waits := make([]waitOn, len(sel.States))
	for k, st := range sel.States {
		if st.Dir == types.RecvOnly {
			waits[k] = waitOn{src: e.classify(fn, st.Chan, facts.StopRecv), value: st.Chan}
		} else if s := e.classify(fn, st.Chan, facts.StopSend); s.kind == srcDead {
			waits[k] = waitOn{src: s, value: st.Chan}
		} else {
			waits[k] = waitOn{src: liveSource, value: st.Chan}
		}
	}
	for k := range sel.States {
		ed, ok := cases[k]
		if !ok {
			continue
		}
		*gs = append(*gs, gate{block: ed.b, succ: ed.succ, instr: sel, sets: [][]waitOn{{waits[k]}}})
		if !sel.Blocking {
			continue // the default case is always possible
		}
		// Past case k, only the later cases can be chosen; past the last
		// one, none ("blocking select matched no case").
		later := append([]waitOn(nil), waits[k+1:]...)
		if len(later) == 0 {
			later = []waitOn{{src: deadSource(DeadOther, "")}}
		}
		*gs = append(*gs, gate{block: ed.b, succ: 1, instr: sel, sets: [][]waitOn{later}})
	}
	one := func(b *ssa.BasicBlock, succ int, instr ssa.Instruction, w waitOn) {
		*gs = append(*gs, gate{block: b, succ: succ, instr: instr, sets: [][]waitOn{{w}}})
	}
	for _, r := range referrers(sel) {
		x, ok := r.(*ssa.Extract)
		if !ok || x.Index != 1 {
			continue
		}
		for _, ed := range okEdgesOf(x) {
			for k, st := range sel.States {
				if c, ok := cases[k]; ok && st.Dir == types.RecvOnly && c.b.Succs[c.succ].Dominates(ed.b) {
					one(ed.b, ed.succ, sel, waitOn{src: e.classify(fn, st.Chan, facts.StopClose), value: st.Chan})
				}
			}
		}
	}
}

// ctxErrCheck recognises `if ctx.Err() != nil` (or ==): it returns the
// context and the successor taken when the context is done.
func ctxErrCheck(iff *ssa.If) (ssa.Value, int, bool) {
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.NEQ && cmp.Op != token.EQL {
		return nil, 0, false
	}
	x := cmp.X
	if isNil(x) {
		x = cmp.Y
	} else if !isNil(cmp.Y) {
		return nil, 0, false
	}
	call, ok := x.(*ssa.Call)
	if !ok || !call.Common().IsInvoke() || call.Common().Method.Name() != "Err" || !isContext(call.Common().Value.Type()) {
		return nil, 0, false
	}
	if cmp.Op == token.NEQ {
		return call.Common().Value, 0, true
	}
	return call.Common().Value, 1, true
}

// callGates adds the waits of a static callee that may wait forever.
func (e *engine) callGates(fn *ssa.Function, call *ssa.Call, gs *[]gate) {
	common := call.Common()
	if common.IsInvoke() {
		return
	}
	callee := common.StaticCallee()
	s := e.stopSummaryOf(callee)
	if s.empty() {
		return
	}
	name := FuncName(callee)
	if s.never != nil {
		*gs = append(*gs, gate{block: call.Block(), succ: -1, instr: call, sets: [][]waitOn{{{
			src:    deadSource(DeadOther, "never returns"),
			callee: name,
			desc:   e.describeAt(s.never),
		}}}})
		return
	}
	g := gate{block: call.Block(), succ: -1, instr: call}
	for _, set := range s.only {
		var ws []waitOn
		for _, v := range set.vars {
			arg := bindingOf(common, callee, v.index)
			if arg == nil {
				ws = nil
				break
			}
			src := e.resolveValue(fn, arg, v.deref, v.mode)
			if src.kind == srcLive {
				ws = nil
				break
			}
			ws = append(ws, waitOn{src: src, value: arg, callee: name, desc: e.describeAt(set.stuck)})
		}
		if ws != nil {
			g.sets = append(g.sets, ws)
		}
	}
	if len(g.sets) > 0 {
		*gs = append(*gs, g)
	}
}

// FuncName names fn in messages: "Server.Serve" for a method, "a
// function literal" for a closure, the declared name otherwise.
func FuncName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "a function literal"
	}
	if recv := fn.Signature.Recv(); recv != nil {
		if key, ok := TypeKeyOf(recv.Type()); ok {
			return key.Name + "." + fn.Name()
		}
	}
	return fn.Name()
}

// describeAt renders a callee's stuck point with positions.
func (e *engine) describeAt(s *Stuck) string {
	return s.describe(e.pass.Fset)
}

// bindingOf returns the value bound to variable idx of callee (a
// parameter, then the captured variables) at a call or go statement.
func bindingOf(common *ssa.CallCommon, callee *ssa.Function, idx int) ssa.Value {
	n := numParams(callee)
	if idx < n {
		if idx < len(common.Args) {
			return common.Args[idx]
		}
		return nil
	}
	mc, ok := common.Value.(*ssa.MakeClosure)
	if !ok {
		return nil
	}
	j := idx - n
	if j < len(mc.Bindings) {
		return mc.Bindings[j]
	}
	return nil
}

// resolveValue classifies v in fn for every mode of mode; deref: v is a
// variable cell and the callee reads through it.
func (e *engine) resolveValue(fn *ssa.Function, v ssa.Value, deref bool, mode facts.StopMode) source {
	var srcs []source
	for _, m := range []facts.StopMode{facts.StopCtx, facts.StopRecv, facts.StopClose, facts.StopSend} {
		if mode&m == 0 {
			continue
		}
		var s source
		e.stop().budget = classifyBudget
		if deref {
			switch c := v.(type) {
			case *ssa.Alloc:
				s = e.classifyCell(fn, c, m, 0)
			case *ssa.FreeVar:
				s = e.classifyLoad(fn, c, m, 0)
			default:
				s = liveSource
			}
		} else {
			s = e.classify(fn, v, m)
		}
		if s.kind == srcLive || s.kind == srcNone {
			return liveSource
		}
		srcs = append(srcs, s)
	}
	s := combineSources(srcs)
	if s.kind == srcVar {
		s.mode = mode
	}
	return s
}

// evaluate prunes fn's CFG of the gates closed when the variables in dead
// are dead, and returns where the function may then wait forever.
func (e *engine) evaluate(fn *ssa.Function, gates []gate, dead map[varKey]bool) *Stuck {
	if len(fn.Blocks) == 0 {
		return nil
	}
	isDead := func(s source) bool {
		return s.kind == srcDead || s.kind == srcVar && dead[s.key()]
	}
	closed := func(g *gate) bool {
		for _, set := range g.sets {
			all := len(set) > 0
			for _, w := range set {
				all = all && isDead(w.src)
			}
			if all {
				return true
			}
		}
		return false
	}
	n := len(fn.Blocks)
	cut := make([]int, n)
	for i := range cut {
		cut[i] = -1
	}
	deadEdge := make(map[edge]bool)
	closedAt := make(map[*ssa.BasicBlock][]*gate)
	for i := range gates {
		g := &gates[i]
		if !closed(g) {
			continue
		}
		closedAt[g.block] = append(closedAt[g.block], g)
		if g.succ >= 0 {
			deadEdge[edge{g.block, g.succ}] = true
			continue
		}
		if at := indexOf(g.block, g.instr); at >= 0 && (cut[g.block.Index] < 0 || at < cut[g.block.Index]) {
			cut[g.block.Index] = at
		}
	}
	isExit := make([]bool, n)
	for _, b := range fn.Blocks {
		isExit[b.Index] = e.exitsBefore(b, cut[b.Index])
	}
	succs := func(b *ssa.BasicBlock) []*ssa.BasicBlock {
		if cut[b.Index] >= 0 {
			return nil
		}
		var out []*ssa.BasicBlock
		for i, s := range b.Succs {
			if !deadEdge[edge{b, i}] {
				out = append(out, s)
			}
		}
		return out
	}
	// Forward reachability, in BFS order.
	reach := make([]bool, n)
	order := []*ssa.BasicBlock{fn.Blocks[0]}
	reach[0] = true
	for i := 0; i < len(order); i++ {
		for _, s := range succs(order[i]) {
			if !reach[s.Index] {
				reach[s.Index] = true
				order = append(order, s)
			}
		}
	}
	// Backward: which blocks can reach an exit.
	preds := make([][]*ssa.BasicBlock, n)
	for _, b := range order {
		for _, s := range succs(b) {
			preds[s.Index] = append(preds[s.Index], b)
		}
	}
	canExit := make([]bool, n)
	var stack []*ssa.BasicBlock
	for _, b := range order {
		if isExit[b.Index] {
			canExit[b.Index] = true
			stack = append(stack, b)
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range preds[b.Index] {
			if !canExit[p.Index] {
				canExit[p.Index] = true
				stack = append(stack, p)
			}
		}
	}
	var region []*ssa.BasicBlock
	for _, b := range order {
		if !canExit[b.Index] {
			region = append(region, b)
		}
	}
	if len(region) == 0 {
		return nil
	}
	st := &Stuck{Fn: fn}
	for _, b := range region {
		if cut[b.Index] >= 0 {
			st.At = b.Instrs[cut[b.Index]].Pos()
			if c, ok := b.Instrs[cut[b.Index]].(ssa.CallInstruction); ok {
				st.At = c.Pos()
			}
			break
		}
		if e.loopOf(b) >= 0 {
			st.Loop = true
			st.At = e.loopPos(b)
			break
		}
		if len(closedAt[b]) > 0 && len(succs(b)) == 0 {
			st.At = closedAt[b][0].instr.Pos()
			break
		}
	}
	if !st.At.IsValid() {
		st.At = fn.Pos()
	}
	seen := make(map[string]bool)
	inRegion := make(map[*ssa.BasicBlock]bool, len(region))
	for _, b := range region {
		inRegion[b] = true
	}
	for _, b := range region {
		for _, g := range closedAt[b] {
			if g.succ >= 0 && !inRegion[b] {
				continue
			}
			for _, set := range g.sets {
				all := len(set) > 0
				for _, w := range set {
					all = all && isDead(w.src)
				}
				if !all {
					continue
				}
				for _, w := range set {
					if w.src.kind == srcDead && w.src.why == "" {
						continue // an impossible edge, not a stop source
					}
					d := DeadSource{Pos: g.instr.Pos(), Callee: w.callee, value: w.value, v: w.src, Why: w.src.why, Kind: w.src.dead}
					if w.value != nil {
						d.Name = e.nameOf(w.value)
					}
					if w.src.kind == srcVar {
						d.Why = modePhrase(w.src.mode)
					}
					if c, ok := g.instr.(ssa.CallInstruction); ok {
						d.Pos = c.Pos()
					}
					if w.callee != "" && w.value == nil {
						d.Why = w.desc
					}
					key := fmt.Sprint(d.Pos, d.Why, w.src.index, w.src.kind)
					if seen[key] {
						continue
					}
					seen[key] = true
					st.Dead = append(st.Dead, d)
				}
				break
			}
		}
	}
	return st
}

// exitsBefore reports whether block b leaves the function (return, panic,
// a call that never returns or ends the goroutine) before instruction
// index cut (the whole block when cut < 0).
func (e *engine) exitsBefore(b *ssa.BasicBlock, cut int) bool {
	for i, instr := range b.Instrs {
		if cut >= 0 && i >= cut {
			return false
		}
		switch x := instr.(type) {
		case *ssa.Return, *ssa.Panic:
			return true
		case *ssa.Call:
			if class, _ := e.classifyCall(x.Common()); class == exitNoReturn || class == exitFailNow {
				return true
			}
		}
	}
	return false
}

// loopPos returns the position of the for statement enclosing block b,
// or of its first instruction with a position.
func (e *engine) loopPos(b *ssa.BasicBlock) token.Pos {
	var first token.Pos
	for _, instr := range b.Instrs {
		if instr.Pos().IsValid() {
			first = instr.Pos()
			break
		}
	}
	if !first.IsValid() {
		for _, s := range b.Succs {
			for _, instr := range s.Instrs {
				if instr.Pos().IsValid() {
					first = instr.Pos()
					break
				}
			}
			if first.IsValid() {
				break
			}
		}
	}
	for _, n := range e.pathTo(first) {
		switch n := n.(type) {
		case *ast.ForStmt:
			return n.For
		case *ast.RangeStmt:
			return n.For
		case *ast.FuncLit, *ast.FuncDecl:
			return first
		}
	}
	return first
}

// exportStopFacts publishes the Stop summaries of the package's named
// functions.
func (e *engine) exportStopFacts(funcs []*ssa.Function) {
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil || obj.Pkg() != e.pass.Pkg {
			continue
		}
		s := e.stopSummaryOf(fn)
		if s.empty() {
			continue
		}
		f := &facts.Stop{}
		if s.never != nil {
			f.Never = e.describeAt(s.never)
		}
		for _, set := range s.only {
			fs := facts.StopSet{Where: e.describeAt(set.stuck)}
			for _, v := range set.vars {
				if v.index >= len(fn.Params) {
					fs = facts.StopSet{}
					break
				}
				fs.Params = append(fs.Params, facts.StopParam{Index: v.index, Mode: v.mode})
			}
			if len(fs.Params) > 0 {
				f.Only = append(f.Only, fs)
			}
		}
		if f.Never != "" || len(f.Only) > 0 {
			e.pass.ExportObjectFact(obj, f)
		}
	}
}

// modePhrase describes a parameter assumed dead.
func modePhrase(m facts.StopMode) string {
	switch {
	case m&facts.StopCtx != 0:
		return "is never cancelled"
	case m&facts.StopClose != 0:
		return "is never closed"
	case m&facts.StopSend != 0:
		return "is never received from"
	}
	return "never delivers a value"
}

// numParams is the number of parameters of fn, receiver included; a
// function of another package has no Params in SSA, only a signature.
func numParams(fn *ssa.Function) int {
	if fn.Params != nil || fn.Blocks != nil {
		return len(fn.Params)
	}
	n := fn.Signature.Params().Len()
	if fn.Signature.Recv() != nil {
		n++
	}
	return n
}
