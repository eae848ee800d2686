package lifecycle

import (
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"
)

// This file answers, for a go statement in a test, whether the function
// that starts the goroutine waits for it on every path before it ends,
// whether the goroutine uses the test's *testing.T, and whether it loops
// with no way out tied to a stop the test triggers. The stop-source half
// (stops.go) is deliberately separate: it is the part gocancel's
// unstoppable-goroutine check asks too, and the two should share it.

// A TestGoroutine is what the engine knows about one go statement in a
// test: whether the test waits for it, uses t in it, or lets it loop.
type TestGoroutine struct {
	Go *ssa.Go
	// Fn is the function that starts it.
	Fn *ssa.Function
	// Body is the function it runs, when it has a body in this package (a
	// function literal or a static callee); nil otherwise.
	Body *ssa.Function
	// Unjoined is the first exit of Fn (a return, or t.Skip) reachable
	// from the go statement without waiting for the goroutine; nil when
	// Fn waits for it on every path that does not fail the test, hands
	// the means of waiting to someone else, or registers the wait with
	// defer or t.Cleanup.
	Unjoined ssa.Instruction
	// UsesT is a call in the goroutine (or a helper it calls) that logs,
	// fails or skips through the test's *testing.T; nil when there is none.
	UsesT ssa.Instruction
	// FailOnlyT, with UsesT and Unjoined set: every use of t in the
	// goroutine reports a failure, and none can be provoked by the test's
	// own teardown (failreport.go), so it reaches a finished test only
	// when the test fails.
	FailOnlyT bool
	// Endless is a loop of the goroutine none of whose exits depends on a
	// live stop source (stops.go); nil when every loop can end.
	Endless *ssa.BasicBlock
	// Bubbled: started inside a synctest bubble, which waits for it.
	Bubbled bool
	// TempDirUse, for a goroutine that loops, is a call in it that uses a
	// path under a t.TempDir() of Fn (signalled.go); nil when there is
	// none. With Unjoined set and no Endless loop, the test signals it to
	// stop but may remove the directory while it still runs.
	TempDirUse ssa.Instruction
	// DroppedAt, when Fn hands the channel the goroutine signals on to
	// its callers by returning it, is a call of Fn whose caller does not
	// wait on that channel (returnedjoin.go); Unjoined is then Fn's
	// return. DroppedExit is the caller's exit reached without a
	// receive, or nil when the caller discards the channel outright.
	DroppedAt   *ssa.Call
	DroppedExit ssa.Instruction
}

// TestGoroutines lists the go statements of fn with their analysis.
func (r *Result) TestGoroutines(fn *ssa.Function) []*TestGoroutine {
	if r.e == nil {
		return nil
	}
	var out []*TestGoroutine
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok {
				out = append(out, r.e.goroutine(fn, g))
			}
		}
	}
	return out
}

// frame maps the free variables and parameters of a function the
// goroutine runs to the values its caller gave them.
type frame struct {
	fn     *ssa.Function
	parent *frame
	// args: the values bound to FreeVars (closure) or Params (call).
	free []ssa.Value
	args []ssa.Value
}

// outer maps v, a value of f's function, to the value of the outermost
// frame (the starting function) it comes from, or nil when it is made
// inside the goroutine.
func (f *frame) outer(v ssa.Value) ssa.Value {
	for depth := 0; depth < 16 && f != nil; depth++ {
		if f.parent == nil {
			return v
		}
		switch x := v.(type) {
		case *ssa.FreeVar:
			i := indexOfValue(f.fn.FreeVars, x)
			if i < 0 || i >= len(f.free) {
				return nil
			}
			v, f = f.free[i], f.parent
			continue
		case *ssa.Parameter:
			i := indexOfParam(f.fn.Params, x)
			if i < 0 || i >= len(f.args) {
				return nil
			}
			v, f = f.args[i], f.parent
			continue
		case *ssa.UnOp:
			if x.Op == token.MUL {
				// A load from a captured cell: the cell is the variable.
				if base := x.X; isFreeOrParam(base) {
					v = base
					continue
				}
			}
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		}
		return nil
	}
	return nil
}

func isFreeOrParam(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.FreeVar, *ssa.Parameter:
		return true
	}
	return false
}

func indexOfValue(fvs []*ssa.FreeVar, v *ssa.FreeVar) int {
	for i, x := range fvs {
		if x == v {
			return i
		}
	}
	return -1
}

func indexOfParam(ps []*ssa.Parameter, v *ssa.Parameter) int {
	for i, x := range ps {
		if x == v {
			return i
		}
	}
	return -1
}

// bodyFrame returns the frame of the function a call or go statement
// runs, with fn's frame as parent, or nil when it has no body here.
func (e *engine) bodyFrame(c *ssa.CallCommon, parent *frame) *frame {
	if c.IsInvoke() {
		return nil
	}
	switch v := c.Value.(type) {
	case *ssa.MakeClosure:
		fn, ok := v.Fn.(*ssa.Function)
		if !ok || fn.Blocks == nil {
			return nil
		}
		return &frame{fn: fn, parent: parent, free: v.Bindings, args: c.Args}
	case *ssa.Function:
		if v.Blocks == nil || !e.isLocal(v) {
			return nil
		}
		return &frame{fn: v, parent: parent, args: c.Args}
	}
	return nil
}

func (e *engine) goroutine(fn *ssa.Function, g *ssa.Go) *TestGoroutine {
	out := &TestGoroutine{Go: g, Fn: fn, Bubbled: InSynctestBubble(fn)}
	root := &frame{fn: fn}
	body := e.bodyFrame(g.Common(), root)
	if body != nil {
		out.Body = body.fn
	}
	out.UsesT = e.usesT(g, body)
	roots := e.signalRoots(g, body)
	out.Unjoined = e.unjoined(fn, g, roots)
	if out.Unjoined != nil && e.joinedByParent(fn, roots) {
		out.Unjoined = nil
	}
	if out.Unjoined != nil && e.joinedByOwner(fn, g, body) {
		out.Unjoined = nil
	}
	if out.Unjoined != nil && e.joinedByStop(fn, g, body) {
		out.Unjoined = nil
	}
	if out.Unjoined != nil && e.joinedByWrapper(fn, g, body) {
		out.Unjoined = nil
	}
	if ret, ok := out.Unjoined.(*ssa.Return); ok {
		out.DroppedAt, out.DroppedExit = e.droppedReturn(ret, roots)
	}
	if body != nil {
		out.Endless = e.endlessLoop(body, 0)
	}
	if out.UsesT != nil && out.Unjoined != nil {
		out.FailOnlyT = e.failOnlyT(g, body)
	}
	if out.Unjoined != nil && out.Endless == nil {
		out.TempDirUse = e.tempDirUse(fn, body)
	}
	return out
}

// harmlessTB are the methods of a *testing.T that may be called after the
// test has completed.
var harmlessTB = map[string]bool{
	"Name": true, "Helper": true, "Context": true, "Deadline": true,
	"Failed": true, "Skipped": true, "TempDir": true,
}

// usesT finds a call that uses a *testing.T (or testing.TB) from the
// starting function: a method that logs, fails or skips, or a call that
// hands t to a helper that does (assert.Equal(t, ...), require.*). When
// body is nil (a standard-library or dynamic function), passing t to it
// counts.
func (e *engine) usesT(g *ssa.Go, body *frame) ssa.Instruction {
	if body == nil {
		// go t.Log(...) or go helper(t): a function without a body here
		// that is t's own method or is handed t.
		common := g.Common()
		if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil &&
			isTestingRecv(callee.Signature.Recv().Type()) && !harmlessTB[callee.Name()] {
			return g
		}
		if common.IsInvoke() && IsTB(common.Value.Type()) && !harmlessTB[common.Method.Name()] {
			return g
		}
		for _, a := range common.Args {
			if IsTB(a.Type()) || isTestingTLike(a) {
				return g
			}
		}
		return nil
	}
	depth := 0
	for _, b := range body.fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo {
				continue // its own goroutine
			}
			if e.callUsesT(ci, body, depth) && !e.closedServerGuard(ci, body, g.Parent()) {
				return ci
			}
		}
	}
	// Function literals called inside the goroutine (a deferred recover
	// that reports) run in it too; bodies of go statements do not.
	return nil
}

func (e *engine) callUsesT(ci ssa.CallInstruction, f *frame, depth int) bool {
	common := ci.Common()
	if common.IsInvoke() {
		if IsTB(common.Value.Type()) && !harmlessTB[common.Method.Name()] && f.outer(common.Value) != nil {
			return true
		}
	} else if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil && len(common.Args) > 0 &&
		isTestingRecv(callee.Signature.Recv().Type()) {
		return !harmlessTB[callee.Name()] && f.outer(testingOwner(common.Args[0])) != nil
	}
	tArg := -1
	for i, a := range common.Args {
		if IsTB(a.Type()) || isTestingTLike(a) {
			if f.outer(a) != nil {
				tArg = i
				break
			}
		}
	}
	if tArg < 0 {
		// A function literal called (or deferred) here that captured t.
		if _, ok := common.Value.(*ssa.MakeClosure); ok && depth < 3 {
			if inner := e.bodyFrame(common, f); inner != nil && e.frameUsesT(inner, depth+1) {
				return true
			}
		}
		return false
	}
	if IsCleanupCall(common) {
		return false
	}
	inner := e.bodyFrame(common, f)
	if inner == nil && depth < 3 {
		inner = e.funcValueFrame(common, f)
	}
	if inner == nil || depth >= 3 {
		// A helper of another package or the standard library, or a func
		// value the engine cannot resolve: assume it reports through t.
		return true
	}
	return e.frameUsesT(inner, depth+1)
}

// funcValueFrame resolves a dynamic call of a func value that comes from
// the starting function, where it is a function or a function literal
// (stored once in a local variable): `check := func(t *testing.T) {...}`
// captured by the goroutine. It returns nil when the value is anything
// else (a parameter, a field, a table entry).
func (e *engine) funcValueFrame(c *ssa.CallCommon, f *frame) *frame {
	if c.IsInvoke() || c.StaticCallee() != nil {
		return nil
	}
	v := f.outer(c.Value)
	if alloc, ok := v.(*ssa.Alloc); ok {
		v = nil
		for _, r := range referrers(alloc) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
				if v != nil {
					return nil // assigned more than once
				}
				v = st.Val
			}
		}
	}
	root := f
	for root.parent != nil {
		root = root.parent
	}
	switch fv := v.(type) {
	case *ssa.MakeClosure:
		fn, ok := fv.Fn.(*ssa.Function)
		if !ok || fn.Blocks == nil {
			return nil
		}
		return &frame{fn: fn, parent: root, free: fv.Bindings, args: c.Args}
	case *ssa.Function:
		if fv.Blocks == nil || !e.isLocal(fv) {
			return nil
		}
		return &frame{fn: fv, parent: root, args: c.Args}
	}
	return nil
}

// frameUsesT reports whether a call of f's function uses t.
func (e *engine) frameUsesT(f *frame, depth int) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if _, isGo := c.(*ssa.Go); !isGo && e.callUsesT(c, f, depth) {
					return true
				}
			}
		}
	}
	return false
}

// isTestingRecv reports whether t is a receiver type of testing's test
// methods: T, B, F, TB, or the unexported common they embed (t.Log calls
// (*testing.common).Log on &t.common).
func isTestingRecv(t types.Type) bool {
	key, ok := TypeKeyOf(t)
	return ok && key.Pkg == "testing" && (key.Name == "common" || IsTB(t))
}

// testingOwner returns the test value whose embedded common v addresses.
func testingOwner(v ssa.Value) ssa.Value {
	if fa, ok := v.(*ssa.FieldAddr); ok && IsTB(fa.X.Type()) {
		return fa.X
	}
	return v
}

// isTestingTLike reports whether v is a *testing.T converted to an
// interface (testify's TestingT): a MakeInterface of a testing value.
func isTestingTLike(v ssa.Value) bool {
	mi, ok := v.(*ssa.MakeInterface)
	return ok && IsTB(mi.X.Type())
}

// A signal is an object through which a goroutine tells its starter it is
// done: a WaitGroup it calls Done on, a channel it sends on or closes.
// Roots are those objects as values of the starting function.
type signals map[sigKey]bool

// sigKey names a signal object as a variable of the starting function and
// the fields selected from it (s.wg is {s, ".3"}).
type sigKey struct {
	base ssa.Value
	path string
}

// keyOf returns the key of v, a value of the starting function.
func keyOf(v ssa.Value) sigKey {
	base, path := splitFields(v)
	return sigKey{base: normaliseRoot(base), path: path}
}

// splitFields peels field selections (and loads between them) off v.
func splitFields(v ssa.Value) (ssa.Value, string) {
	path := ""
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			path = "." + strconv.Itoa(x.Field) + path
			v = x.X
			continue
		case *ssa.Field:
			path = "." + strconv.Itoa(x.Field) + path
			v = x.X
			continue
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if _, ok := x.X.(*ssa.FieldAddr); ok {
					v = x.X
					continue
				}
			}
		}
		break
	}
	return v, path
}

// outerKey returns the key, in the starting function, of v, a value of
// f's function; ok is false when v is made inside the goroutine.
func (f *frame) outerKey(v ssa.Value) (sigKey, bool) {
	base, path := splitFields(v)
	o := f.outer(base)
	if o == nil {
		return sigKey{}, false
	}
	k := keyOf(o)
	k.path += path
	return k, true
}

// signalRoots collects the starting function's values that the goroutine
// signals on: WaitGroups it calls Done on, channels it sends on or
// closes, and the channels and WaitGroups it hands to other functions.
func (e *engine) signalRoots(g *ssa.Go, body *frame) signals {
	roots := make(signals)
	add := func(f *frame, v ssa.Value) {
		if k, ok := f.outerKey(v); ok {
			roots[k] = true
		}
	}
	// Arguments of the go statement itself (go worker(wg, ch)).
	for _, a := range g.Common().Args {
		if isSyncValue(a.Type()) {
			roots[keyOf(a)] = true
		}
	}
	if body == nil {
		return roots
	}
	var walk func(f *frame, depth int)
	walk = func(f *frame, depth int) {
		for _, b := range f.fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Send:
					add(f, x.Chan)
				case *ssa.Select:
					for _, st := range x.States {
						if st.Dir == types.SendOnly {
							add(f, st.Chan)
						}
					}
				case ssa.CallInstruction:
					common := x.Common()
					if b, ok := common.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(common.Args) == 1 {
						add(f, common.Args[0])
						continue
					}
					for _, a := range common.Args {
						if isSyncValue(a.Type()) {
							add(f, a)
						}
					}
					if common.IsInvoke() && isSyncValue(common.Value.Type()) {
						add(f, common.Value)
					}
					if inner := e.bodyFrame(common, f); inner != nil && depth < 2 {
						if _, isGo := x.(*ssa.Go); !isGo {
							walk(inner, depth+1)
						}
					}
				}
			}
		}
	}
	walk(body, 0)
	return roots
}

// isSyncValue reports whether a value of type t can carry a goroutine's
// completion: a channel, a *sync.WaitGroup, an errgroup.
func isSyncValue(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Chan); ok {
		return true
	}
	key, ok := TypeKeyOf(t)
	if !ok {
		return false
	}
	switch key {
	case TypeKey{Pkg: "sync", Name: "WaitGroup"}, TypeKey{Pkg: "golang.org/x/sync/errgroup", Name: "Group"}:
		return true
	}
	return false
}

// normaliseRoot maps the different SSA values of one variable to one:
// loads from a cell to the cell, conversions to their operand.
func normaliseRoot(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		default:
			return v
		}
	}
	return v
}

// joinedByParent reports whether the function that created closure fn
// waits, somewhere, on a signal the goroutine gives through one of fn's
// free variables: a handler literal starts the goroutine and returns, and
// the test around it calls wg.Wait after making its requests. The
// parent's wait is not checked against every path of the parent; a test
// that creates such a handler waits for what it captured.
func (e *engine) joinedByParent(fn *ssa.Function, roots signals) bool {
	parent := fn.Parent()
	if parent == nil || len(roots) == 0 {
		return false
	}
	var mc *ssa.MakeClosure
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(*ssa.MakeClosure); ok && x.Fn == fn {
				mc = x
			}
		}
	}
	if mc == nil {
		return false
	}
	outer := make(signals)
	for k := range roots {
		for j, fv := range fn.FreeVars {
			if k.base == normaliseRoot(fv) && j < len(mc.Bindings) {
				ok := keyOf(mc.Bindings[j])
				ok.path += k.path
				outer[ok] = true
			}
		}
	}
	if len(outer) == 0 {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if e.waitsOn(instr, nil, outer) {
				return true
			}
		}
	}
	return false
}

// unjoined searches fn from the go statement for an exit reached without
// a join on one of roots: a return, or t.Skip, after which the test
// completes without failing while the goroutine runs on. Paths that fail
// the test (t.Fatal, require.*) are not followed.
func (e *engine) unjoined(fn *ssa.Function, g *ssa.Go, roots signals) ssa.Instruction {
	return e.unjoinedFrom(fn, g, roots)
}

// unjoinedFrom is unjoined searching from any instruction of fn: the go
// statement, or the call or closure through which an enclosing function
// or a caller hands the goroutine's signal to it (ownerjoin.go).
func (e *engine) unjoinedFrom(fn *ssa.Function, g ssa.Instruction, roots signals) ssa.Instruction {
	if len(roots) > 0 && e.registersJoin(fn, roots) {
		return nil
	}
	return e.exitBefore(fn, g, e.joinPoints(fn, g, roots))
}

// exitBefore is the path search of unjoined: the first exit of fn reached
// from g without passing one of joins, or nil.
func (e *engine) exitBefore(fn *ssa.Function, g ssa.Instruction, joins map[ssa.Instruction]bool) ssa.Instruction {
	joinLoops := e.joinLoops(joins, g)
	start := g.Block()
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	queue := []item{{start, indexOf(start, g) + 1}}
	seen := map[*ssa.BasicBlock]bool{}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		blocked := false
	scan:
		for _, instr := range it.b.Instrs[it.i:] {
			if joins[instr] {
				blocked = true
				break
			}
			switch x := instr.(type) {
			case *ssa.Return:
				return x
			case *ssa.Panic:
				blocked = true
				break scan
			case *ssa.Call:
				class, _ := e.classifyCall(x.Common())
				switch {
				case class == exitNoReturn:
					blocked = true
					break scan
				case class != exitNone && IsSkipCall(x.Common()):
					return x
				case class == exitFailNow:
					// A failing test: the goroutine outliving it matters
					// less than the failure, and reporting every
					// assertion between go and wait would drown the
					// reports that matter. A call that only may fail
					// (require.NoError) returns on the path followed.
					blocked = true
					break scan
				}
			}
		}
		if blocked {
			continue
		}
		for si, s := range it.b.Succs {
			if l := e.loopOf(it.b); joinLoops[l] && e.loopOf(s) != l {
				// The normal end of a loop that waits once per turn
				// (`for i := 0; i < n; i++ { <-done }`) waits for the
				// goroutines a loop started, even when it makes no turn
				// (none were started). A return inside it is followed.
				continue
			}
			if l := e.zeroTripLoop(it.b, si); l >= 0 && joinLoops[l] {
				// The same loop written `for range n`: its no-turn end
				// is a test in front of it (zerotrip.go).
				continue
			}
			if !seen[s] {
				seen[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
	return nil
}

// joinLoops lists the loops of fn that hold a join point and do not hold
// the go statement g itself.
func (e *engine) joinLoops(joins map[ssa.Instruction]bool, g ssa.Instruction) map[int]bool {
	out := make(map[int]bool)
	own := e.loopOf(g.Block())
	for instr := range joins {
		if l := e.loopOf(instr.Block()); l >= 0 && l != own {
			out[l] = true
		}
	}
	return out
}

// joinPoints are fn's instructions that wait on one of roots: Wait on a
// WaitGroup or errgroup, a receive (or a select with a receive case) on a
// channel, a call that is handed one of them.
func (e *engine) joinPoints(fn *ssa.Function, g ssa.Instruction, roots signals) map[ssa.Instruction]bool {
	joins := make(map[ssa.Instruction]bool)
	if len(roots) == 0 {
		return joins
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if instr == g {
				continue
			}
			if e.waitsOn(instr, nil, roots) {
				joins[instr] = true
			}
		}
	}
	return joins
}

// waitsOn reports whether instr (of frame f, nil for the starting
// function) waits on one of roots.
func (e *engine) waitsOn(instr ssa.Instruction, f *frame, roots signals) bool {
	in := func(v ssa.Value) bool {
		if f != nil {
			k, ok := f.outerKey(v)
			return ok && roots[k]
		}
		return roots[keyOf(v)]
	}
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.ARROW && in(x.X)
	case *ssa.Select:
		for _, st := range x.States {
			if st.Dir == types.RecvOnly && in(st.Chan) {
				return true
			}
		}
	case *ssa.Call:
		common := x.Common()
		name := ""
		var recv ssa.Value
		if common.IsInvoke() {
			name, recv = common.Method.Name(), common.Value
		} else if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil && len(common.Args) > 0 {
			name, recv = callee.Name(), common.Args[0]
			if isSyncValue(recv.Type()) {
				return name == "Wait" && in(recv)
			}
		}
		if recv != nil && isSyncValue(recv.Type()) {
			return name == "Wait" && in(recv)
		}
		// A helper handed the channel or WaitGroup (waitFor(t, done)).
		start := 0
		if !common.IsInvoke() && common.Signature().Recv() != nil {
			start = 1
		}
		for _, a := range common.Args[start:] {
			if isSyncValue(a.Type()) && in(a) {
				return true
			}
			// A function literal handed to a call that runs it
			// (convey.Convey(name, t, func() { <-ch }), require.Eventually).
			if f == nil {
				for _, fv := range funcArgs(a) {
					if e.funcValueWaits(fv, roots) {
						return true
					}
				}
			}
		}
		// A function literal called here that waits.
		if inner := e.bodyFrame(common, &frame{fn: instr.Parent()}); inner != nil && f == nil {
			for _, b := range inner.fn.Blocks {
				for _, i2 := range b.Instrs {
					if e.waitsOn(i2, inner, roots) {
						return true
					}
				}
			}
		}
	}
	return false
}

// registersJoin reports whether fn registers a wait for the goroutine to
// run at its end (defer wg.Wait(), a deferred function literal or a
// t.Cleanup function that waits), or hands the means of waiting on (a
// root returned, stored, or captured by a function literal that is
// passed on).
func (e *engine) registersJoin(fn *ssa.Function, roots signals) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Defer:
				if e.callWaits(x.Common(), roots) {
					return true
				}
			case *ssa.Call:
				if IsCleanupCall(x.Common()) {
					for _, a := range x.Common().Args {
						if e.funcValueWaits(a, roots) {
							return true
						}
					}
				}
			case *ssa.Return:
				for i, r := range x.Results {
					if roots[keyOf(r)] && e.callersWaitOnResult(fn, i) || e.funcValueWaits(r, roots) {
						return true
					}
				}
			case *ssa.Store:
				if roots[keyOf(x.Val)] && outlives(addrBase(x.Addr)) {
					return true
				}
			}
		}
	}
	return false
}

// callWaits reports whether a (deferred) call waits on one of roots.
func (e *engine) callWaits(c *ssa.CallCommon, roots signals) bool {
	var recv ssa.Value
	name := ""
	if c.IsInvoke() {
		recv, name = c.Value, c.Method.Name()
	} else if callee := c.StaticCallee(); callee != nil && callee.Signature.Recv() != nil && len(c.Args) > 0 {
		recv, name = c.Args[0], callee.Name()
	}
	if recv != nil && name == "Wait" && roots[keyOf(recv)] {
		return true
	}
	return e.funcValueWaits(c.Value, roots)
}

// funcValueWaits reports whether v is a function value that waits on one
// of roots when called: wg.Wait as a method value, or a function literal
// whose body waits.
func (e *engine) funcValueWaits(v ssa.Value, roots signals) bool {
	mc, ok := v.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Blocks == nil {
		return false
	}
	f := &frame{fn: fn, parent: &frame{}, free: mc.Bindings}
	if fn.Synthetic != "" {
		// A bound method value (wg.Wait): its receiver is the binding.
		if len(mc.Bindings) == 1 && roots[keyOf(mc.Bindings[0])] && fn.Name() == "Wait$bound" {
			return true
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if e.waitsOn(instr, f, roots) {
				return true
			}
		}
	}
	return false
}

// funcArgs returns the function values an argument carries: itself, or
// the elements of a variadic ...any slice (convey.Convey(name, t, fn)).
func funcArgs(a ssa.Value) []ssa.Value {
	a = uninterface(a)
	sl, ok := a.(*ssa.Slice)
	if !ok {
		return []ssa.Value{a}
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, r := range referrers(arr) {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r2 := range referrers(ia) {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == ia {
				out = append(out, uninterface(st.Val))
			}
		}
	}
	return out
}
