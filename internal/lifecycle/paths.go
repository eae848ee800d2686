package lifecycle

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// LeakKind says how a resource leaks.
type LeakKind uint8

const (
	// LeakAtReturn: a return is reached with the resource still owed.
	LeakAtReturn LeakKind = iota + 1
	// LeakAtFailNow: in a test, a call that may end the test (t.Fatal,
	// require.*) is reached with the resource still owed and no release
	// registered.
	LeakAtFailNow
	// LeakNextIteration: the loop acquires the next one while this one is
	// still owed.
	LeakNextIteration
	// LeakReturnedWithError: returned together with a non-nil error, so
	// callers that check the error drop it (RULES "Returned with an
	// error").
	LeakReturnedWithError
	// LeakInGoroutine: handed to a goroutine that releases it on some
	// paths and returns on another without releasing it; Exit is that
	// return, in the goroutine's function.
	LeakInGoroutine
)

// A Leak is a path on which a resource is still owed at an exit.
type Leak struct {
	Kind LeakKind
	// Exit is the return or call where it leaks; the acquiring call for
	// LeakNextIteration.
	Exit ssa.Instruction
	// Path lists the blocks from the acquisition to the exit.
	Path []*ssa.BasicBlock
	// ErrorReturn: Exit is a return whose error result is not nil (the
	// function gives up and reports an error).
	ErrorReturn bool
}

// exitClass classifies a call on a path.
type exitClass uint8

const (
	exitNone     exitClass = iota
	exitNoReturn           // process exit or panic: the path is exempt
	exitFailNow            // ends the test goroutine; defers run
	exitMayFail            // may end the test goroutine
)

// callSummary returns the summary of the function a call invokes.
func (e *engine) callSummary(c *ssa.CallCommon) *summary {
	if c.IsInvoke() {
		if b, ok := lookupBuiltin(FuncKeyOf(c.Method)); ok {
			return &summary{Func: b.Func, defers: b.Defers, wraps: b.Wraps, lends: b.Lends}
		}
		return nil
	}
	return e.summaryOf(c.StaticCallee())
}

func (e *engine) classifyCall(c *ssa.CallCommon) (exitClass, *summary) {
	s := e.callSummary(c)
	switch {
	case s == nil:
		return exitNone, nil
	case s.NoReturn:
		return exitNoReturn, s
	case s.FailsNow:
		return exitFailNow, s
	case s.MayFailNow:
		return exitMayFail, s
	}
	return exitNone, s
}

// findLeak searches, breadth first, for a path from just after the
// acquiring call to an exit on which no event ended the obligation.
// Edges on which the call's error is non-nil, or the resource is nil, are
// not followed: the resource is not owed there.
//
// With passing set (tests only), the search follows only paths on which
// the test may pass: a call that always fails the test (t.Fatal) ends a
// path without a leak, one that may fail it (require.Equal) is passed
// over, and the branch a test takes when a call it expects to fail
// succeeded is not followed. Nor is a path past a point where the test
// reports a failure and goes on (t.Error, the false branch of a testify
// assert, assert.NoError on the error of a callee that releases the
// resource only when it succeeds): the test fails there too
// (testfailed.go). A skip still ends the test with it passing.
func (t *tracker) findLeak(a *Acquisition, passing bool) *Leak {
	t.passing = passing
	kills := make(map[ssa.Instruction]bool)
	killEdges := make(map[edge]bool)
	safe := make(map[ssa.Instruction]bool)
	keepers := t.pathKeepers(a.Call)
	// kept: stores into keepers decided per path. Past one, only a return
	// without the keeper is a leak: the next iteration's acquisition (a
	// loop collecting into a slice) and a test's fatal exit (a cleanup
	// registered later) keep the old reading, the store hands it on.
	kept := make(map[ssa.Instruction]bool)
	keptOnReturn := false
	condErrs := make(map[ssa.Value]bool)
	failErrs := make(map[ssa.Value]bool) // pairederr.go
	for i := range t.events {
		ev := &t.events[i]
		if ev.UnlessErr != nil {
			condErrs[ev.UnlessErr] = true
		}
		if ev.IfErr != nil {
			failErrs[ev.IfErr] = true
		}
		if ev.kills() {
			if fate, ok := keepers[ev.target]; ok && ev.Kind == Wrap {
				// The resource leaves with its keeper, on the paths
				// where the keeper is released, handed on or returned.
				for _, r := range fate.returns {
					safe[r] = true
				}
				for _, k := range fate.kills {
					kills[k] = true
				}
				kept[ev.Instr] = true
				keptOnReturn = keptOnReturn || len(fate.kills) == 0
				continue
			}
			kills[ev.Instr] = true
		}
		if ev.Direct && ev.On != nil && (ev.Kind == Release || ev.Kind == Transfer) {
			killEdges[*ev.On] = true
		}
		if ev.Kind == Return && ev.Direct {
			safe[ev.Instr] = true
		}
	}
	cells := t.resultCells()
	for _, ev := range t.events {
		if ev.Kind == Wrap && ev.Direct && cells[storeAddr(ev.Instr)] {
			// Stored in a named result: returned only while it is still
			// there (inCell below), not on every path after the store.
			delete(kills, ev.Instr)
		}
	}
	start := a.Call.Block()
	startIdx := indexOf(start, a.Call)
	if t.from != nil {
		// Scan from t.from itself (the search starts after startIdx).
		start, startIdx = t.from.Block(), indexOf(t.from.Block(), t.from)-1
	}
	cfg := t.e.cfgOf(t.fn)
	flags := cfg.flags
	// A block is visited once per combination of known flag values: the
	// flags are what can make one of its branches impossible. inCell: a
	// named result holds the resource.
	type key struct {
		b      *ssa.BasicBlock
		st     flagState
		inCell bool
		kept   bool // stored in a keeper (keepers.go)
		// noExit: the loop exit b cannot take yet, arrived from outside
		// a loop that runs at least once (nonempty.go).
		noExit *ssa.BasicBlock
		// pending: a loop entered from outside whose exit needs its
		// guard's branch first (loopguard.go).
		pending *loopGuard
	}
	type item struct {
		key
		i int
	}
	parent := make(map[key]key)
	visited := make(map[key]bool)
	queue := []item{{key{start, flags.entryState(start), false, false, nil, nil}, startIdx + 1}}
	leak := func(kind LeakKind, at ssa.Instruction, k key) *Leak {
		var path []*ssa.BasicBlock
		for x, ok := k, true; ok; x, ok = parent[x] {
			path = append([]*ssa.BasicBlock{x.b}, path...)
			if x.b == start && len(path) > 1 {
				break
			}
		}
		for k := 0; k+1 < len(path); k++ {
			if on := handedOnWithoutErr(path[k], condErrs); on != nil && on != path[k+1] {
				// The path takes the edge where the callee failed.
				a.DroppedOnErrBy = t.droppedBy()
			}
		}
		if ret, ok := at.(*ssa.Return); ok && slices.ContainsFunc(ret.Results, func(v ssa.Value) bool { return condErrs[v] }) {
			// It returns the callee's error: the path where it failed.
			a.DroppedOnErrBy = t.droppedBy()
		}
		a.KeptOnReturn = k.kept && keptOnReturn
		l := &Leak{Kind: kind, Exit: at, Path: path}
		if ret, ok := at.(*ssa.Return); ok {
			l.ErrorReturn = returnsError(ret)
		}
		return l
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		blocked := false
		inCell := it.inCell
	scan:
		for i := it.i; i < len(it.b.Instrs); i++ {
			instr := it.b.Instrs[i]
			if kills[instr] {
				blocked = true
				break
			}
			if kept[instr] {
				it.kept = true
			}
			if instr == a.Call {
				if it.kept {
					blocked = true
					break
				}
				return leak(LeakNextIteration, a.Call, it.key)
			}
			switch x := instr.(type) {
			case *ssa.Store:
				if cells[x.Addr] {
					_, holds := t.holders[x.Val]
					inCell = holds
				}
			case *ssa.Return:
				if (safe[x] || inCell) && !a.Kind.Call && t.returnsNonNilError(x) {
					return leak(LeakReturnedWithError, x, it.key)
				}
				if safe[x] || inCell {
					blocked = true
					break scan
				}
				return leak(LeakAtReturn, x, it.key)
			case *ssa.Panic:
				blocked = true
				break scan
			case *ssa.Call:
				if passing && a.TestContext && (reportsFailure(x.Common()) || t.assertsNilOf(x.Common(), condErrs) || t.assertsResourceNil(x.Common())) {
					// The test has reported a failure here, or passes
					// on only where the callee that releases the
					// resource on success succeeded, or where the
					// resource is nil (nilassert.go).
					blocked = true
					break scan
				}
				class, s := t.e.classifyCall(x.Common())
				switch class {
				case exitNoReturn:
					blocked = true
					break scan
				case exitFailNow, exitMayFail:
					if !a.TestContext {
						if class == exitFailNow {
							blocked = true
							break scan
						}
						continue
					}
					if t.failsOnOwnErr(x.Common(), s) {
						// It ends the test only when our error is
						// non-nil, where nothing is owed.
						continue
					}
					if t.expectsOwnErr(x.Common()) {
						// The test goes on only when our error is
						// non-nil: the resource was never acquired.
						blocked = true
						break scan
					}
					if it.kept {
						blocked = true
						break scan
					}
					if passing && !IsSkipCall(x.Common()) {
						if class == exitFailNow {
							blocked = true // the test fails here
							break scan
						}
						continue // the passing test goes on
					}
					return leak(LeakAtFailNow, x, it.key)
				}
			}
		}
		if blocked {
			continue
		}
		handedOn := handedOnWithoutErr(it.b, condErrs)
		released := failedBranch(it.b, failErrs)
		for _, s := range flags.decided(it.b, it.st, t.feasibleSuccs(it.b)) {
			if s == released {
				continue // the callee failed and released it
			}
			if len(it.b.Succs) == 2 && killEdges[edge{it.b, slices.Index(it.b.Succs, s)}] {
				continue // the select case that releases or hands it over
			}
			if s == handedOn {
				continue // the callee kept or released it: its error is nil
			}
			if s == it.noExit {
				continue // the loop runs at least once
			}
			pending, ok := guardOnEdge(cfg.guards, it.pending, it.b, s)
			if !ok {
				continue // the loop cannot end before its guard holds
			}

			next := key{s, flags.enter(s, it.b, it.st), inCell, it.kept, firstIterationExit(it.b, s), pending}
			if len(visited) > flagBudget*len(t.fn.Blocks) {
				// Too many combinations: forget the flags (more paths,
				// never fewer).
				next.st = flagState{}
			}
			if !visited[next] {
				visited[next] = true
				parent[next] = it.key
				queue = append(queue, item{next, 0})
			}
		}
	}
	return nil
}

// failsOnOwnErr reports whether the call fails exactly when one of its
// arguments, an alias of the acquisition's error, is non-nil.
func (t *tracker) failsOnOwnErr(c *ssa.CallCommon, s *summary) bool {
	if s != nil && s.FailsOnErr == 0 && t.checksOwnErr(c) {
		return true
	}
	if s == nil || s.FailsOnErr == 0 {
		return false
	}
	off := 0
	if c.IsInvoke() {
		off = 1 // summaries count the receiver
	}
	for i, arg := range c.Args {
		if s.FailsOnErr.Has(i+off) && t.errs[arg] {
			return true
		}
	}
	return false
}

// returnsError reports whether ret returns an error result that is not
// the constant nil.
func returnsError(ret *ssa.Return) bool {
	for _, r := range ret.Results {
		if types.Identical(r.Type(), errorType) && !isNil(r) {
			return true
		}
	}
	return false
}

// IsSkipCall reports whether c is t.Skip, t.Skipf or t.SkipNow of the
// testing package: it ends the test, which passes.
func IsSkipCall(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok || key.Pkg != "testing" {
		return false
	}
	switch key.Name {
	case "Skip", "Skipf", "SkipNow":
		return true
	}
	return false
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// errPredicates are standard-library functions that return false for a
// nil error: when they return true, the error is non-nil.
var errPredicates = map[FuncKey]bool{
	{Pkg: "errors", Name: "Is"}:       true,
	{Pkg: "errors", Name: "As"}:       true,
	{Pkg: "os", Name: "IsNotExist"}:   true,
	{Pkg: "os", Name: "IsExist"}:      true,
	{Pkg: "os", Name: "IsPermission"}: true,
	{Pkg: "os", Name: "IsTimeout"}:    true,
}

// errPredicateOn reports whether v is a call of an error predicate on one
// of the tracked errors.
func (t *tracker) errPredicateOn(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	callee := call.Common().StaticCallee()
	if callee == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || !errPredicates[FuncKeyOf(obj)] {
		return false
	}
	for _, arg := range call.Common().Args {
		if t.errs[arg] {
			return true
		}
	}
	return false
}

// errAssertedOn reports whether v is the ok of a comma-ok type assertion
// on one of the tracked errors (`if pe, ok := err.(*os.PathError); ok`):
// when it holds, the error is non-nil.
func (t *tracker) errAssertedOn(v ssa.Value) bool {
	x, ok := v.(*ssa.Extract)
	if !ok || x.Index != 1 {
		return false
	}
	ta, ok := x.Tuple.(*ssa.TypeAssert)
	return ok && ta.CommaOk && t.errs[ta.X]
}

// feasibleSuccs returns b's successors minus the edge, if any, on which
// the tracked error is non-nil or the tracked value is nil.
func (t *tracker) feasibleSuccs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return b.Succs
	}
	if recvAlwaysOK(iff.Cond) {
		// The loop over a ticker's channel never ends by its closing.
		return b.Succs[:1]
	}
	// if errors.Is(err, x) / os.IsNotExist(err): the true edge has a
	// non-nil error; under ! the false edge has.
	cond, negated := iff.Cond, false
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, negated = not.X, true
	}
	if t.errPredicateOn(cond) || t.errAssertedOn(cond) {
		if negated {
			return b.Succs[:1]
		}
		return b.Succs[1:]
	}
	if t.assertsNoErr(cond) {
		// if !assert.NoError(t, err) { return }: the assertion is false
		// only where the error is non-nil.
		if negated {
			return b.Succs[1:]
		}
		return b.Succs[:1]
	}
	if t.passing && isAssertion(cond) {
		// if !assert.Equal(t, …) { return }: where the assertion is
		// false the test has failed already.
		if negated {
			return b.Succs[1:]
		}
		return b.Succs[:1]
	}
	if t.passing && isFailedQuery(cond) {
		// if t.Failed() { return }: where it is true the test has
		// failed already.
		if negated {
			return b.Succs[:1]
		}
		return b.Succs[1:]
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
		return b.Succs
	}
	if out, ok := t.sentinelSuccs(b, cmp); ok {
		return out
	}
	other := cmp.X
	if isNil(other) {
		other = cmp.Y
	} else if !isNil(cmp.Y) {
		return b.Succs
	}
	// Succs[0] is taken when the comparison holds.
	var dead *ssa.BasicBlock
	switch {
	case t.errs[other]:
		// err != nil: true edge; err == nil: false edge.
		if cmp.Op == token.NEQ {
			dead = b.Succs[0]
		} else {
			dead = b.Succs[1]
			if t.expectsFailure(b.Succs[0]) {
				// `if err == nil { t.Fatal("expected an error") }`: the
				// resource exists only where the test fails.
				if t.passing {
					return nil
				}
				return b.Succs[:1]
			}
		}
	case t.nilChecks[cmp]:
		// x == nil: true edge; x != nil: false edge.
		if cmp.Op == token.EQL {
			dead = b.Succs[0]
		} else {
			dead = b.Succs[1]
		}
	default:
		return b.Succs
	}
	out := make([]*ssa.BasicBlock, 0, 1)
	for _, s := range b.Succs {
		if s != dead {
			out = append(out, s)
		}
	}
	return out
}

// sentinelSuccs handles a comparison of the tracked error with a sentinel
// error variable (`err == io.EOF`, `err != context.Canceled`). Where they
// are equal the error is non-nil and nothing is owed; where they differ
// the error may be nil, unless a test reports a failure there (it
// expected that error: the resource exists only in a failing test).
func (t *tracker) sentinelSuccs(b *ssa.BasicBlock, cmp *ssa.BinOp) ([]*ssa.BasicBlock, bool) {
	x, y := cmp.X, cmp.Y
	if t.errs[y] {
		x, y = y, x
	}
	if !t.errs[x] || !isGlobalLoad(y) {
		return nil, false
	}
	// Succs[0] is taken when the comparison holds; the edge where the two
	// are equal is never followed.
	differ := b.Succs[1]
	if cmp.Op == token.NEQ {
		differ = b.Succs[0]
	}
	if t.expectsFailure(differ) && t.passing {
		return nil, true
	}
	return []*ssa.BasicBlock{differ}, true
}

// isGlobalLoad reports whether v reads a package-level variable (a
// sentinel error such as io.EOF).
func isGlobalLoad(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	_, ok = u.X.(*ssa.Global)
	return ok
}

// controlFacts computes NoReturn, FailsNow, MayFailNow and FailsOnErr.
func (e *engine) controlFacts(fn *ssa.Function, s *summary) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if _, isCall := c.(*ssa.Call); !isCall {
					continue
				}
				if class, _ := e.classifyCall(c.Common()); class == exitFailNow || class == exitMayFail {
					s.MayFailNow = true
				}
			}
		}
	}
	returns, failed := e.reachesReturn(fn, nil)
	if !returns {
		if failed {
			s.FailsNow = true
		} else {
			s.NoReturn = true
		}
	}
	for i, p := range fn.Params {
		if !types.Identical(p.Type(), errorType) {
			continue
		}
		if returns, _ := e.reachesReturn(fn, p); !returns {
			s.FailsOnErr = s.FailsOnErr.With(i)
		}
	}
}

// reachesReturn reports whether a return is reachable from fn's entry,
// assuming nonNil (if set) is a non-nil error; failed reports whether
// some path ended in a call that ends the goroutine.
func (e *engine) reachesReturn(fn *ssa.Function, nonNil ssa.Value) (returns, failed bool) {
	if len(fn.Blocks) == 0 {
		return true, false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	seen[fn.Blocks[0]] = true
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ended := false
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Return:
				return true, failed
			case *ssa.Panic:
				ended = true
			case *ssa.Call:
				class, s := e.classifyCall(x.Common())
				switch {
				case class == exitNoReturn:
					ended = true
				case class == exitFailNow:
					ended, failed = true, true
				case nonNil != nil && s != nil && s.FailsOnErr != 0 && passesAt(x.Common(), nonNil, s):
					ended, failed = true, true
				}
			}
			if ended {
				break
			}
		}
		if ended {
			continue
		}
		succs := b.Succs
		if nonNil != nil {
			succs = pruneNil(b, nonNil)
		}
		for _, s := range succs {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return false, failed
}

// passesAt reports whether v is passed at an index the summary fails on.
func passesAt(c *ssa.CallCommon, v ssa.Value, s *summary) bool {
	off := 0
	if c.IsInvoke() {
		off = 1
	}
	for i, arg := range c.Args {
		if arg == v && s.FailsOnErr.Has(i+off) {
			return true
		}
	}
	return false
}

// pruneNil drops the successor of b on which v is nil.
func pruneNil(b *ssa.BasicBlock, v ssa.Value) []*ssa.BasicBlock {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return b.Succs
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
		return b.Succs
	}
	if !(cmp.X == v && isNil(cmp.Y) || cmp.Y == v && isNil(cmp.X)) {
		return b.Succs
	}
	if cmp.Op == token.EQL {
		return b.Succs[1:] // v == nil is the true edge
	}
	return b.Succs[:1]
}

// recvAlwaysOK reports whether v is the ok of a receive (`x, ok := <-ch`,
// or the test that ends `for x := range ch`) from a channel the time
// package never closes: a ticker's or timer's C, time.Tick, time.After.
func recvAlwaysOK(v ssa.Value) bool {
	ok, isExtract := v.(*ssa.Extract)
	if !isExtract || ok.Index != 1 {
		return false
	}
	recv, isRecv := ok.Tuple.(*ssa.UnOp)
	if !isRecv || recv.Op != token.ARROW || !recv.CommaOk {
		return false
	}
	switch ch := recv.X.(type) {
	case *ssa.UnOp: // a load of ticker.C
		fa, isField := ch.X.(*ssa.FieldAddr)
		if ch.Op != token.MUL || !isField {
			return false
		}
		key, ok := TypeKeyOf(fa.X.Type())
		if !ok || key.Pkg != "time" || (key.Name != "Ticker" && key.Name != "Timer") {
			return false
		}
		f := fieldVar(fa.X.Type(), fa.Field)
		return f != nil && f.Name() == "C"
	case *ssa.Call:
		callee := ch.Call.StaticCallee()
		if callee == nil {
			return false
		}
		obj, isFunc := callee.Object().(*types.Func)
		if !isFunc {
			return false
		}
		key := FuncKeyOf(obj)
		return key.Pkg == "time" && key.Recv == "" && (key.Name == "Tick" || key.Name == "After")
	}
	return false
}
