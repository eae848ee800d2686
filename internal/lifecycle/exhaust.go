package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Releases that a contract makes implicit: database/sql closes Rows when
// Next returns false, so a `for rows.Next()` loop whose only way out is
// Next returning false releases them; an early break, return or fatal
// call inside the loop leaves them open. NextResultSet closes them the
// same way when it returns false (no further result set, or an error):
// a `for rows.NextResultSet()` loop, or a final check that there is no
// further set, ends their use.

// releasedWhenFalse are the methods whose false result releases their
// receiver.
var releasedWhenFalse = map[FuncKey]bool{
	{Pkg: "database/sql", Recv: "Rows", Name: "Next"}:          true,
	{Pkg: "database/sql", Recv: "Rows", Name: "NextResultSet"}: true,
}

// exhaustion records, for a call of such a method on holder v, a release
// on each branch edge taken when the call returned false.
func (t *tracker) exhaustion(v ssa.Value, h *holder, instr ssa.CallInstruction) {
	call, ok := instr.(*ssa.Call)
	if !ok || h.role != roleHandle {
		return
	}
	common := call.Common()
	var obj *types.Func
	switch {
	case common.IsInvoke() && common.Value == v:
		obj = common.Method
	case !common.IsInvoke() && len(common.Args) > 0 && common.Args[0] == v:
		if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil {
			obj, _ = callee.Object().(*types.Func)
		}
	}
	if obj == nil || !releasedWhenFalse[FuncKeyOf(obj)] && !rowsShapedNext(common, obj) {
		return
	}
	for _, r := range referrers(call) {
		switch r := r.(type) {
		case *ssa.If:
			t.eventOn(Release, r, edge{r.Block(), 1}, h)
		case *ssa.UnOp:
			if r.Op != token.NOT {
				continue
			}
			for _, rr := range referrers(r) {
				if iff, ok := rr.(*ssa.If); ok {
					t.eventOn(Release, iff, edge{iff.Block(), 0}, h)
				}
			}
		}
	}
}

// releasedOnEveryPath reports whether every path from fn's entry to a
// return passes an event that ends the obligation: used to summarise a
// parameter released only on some edges (a helper that drains rows).
func (t *tracker) releasedOnEveryPath() bool {
	return len(t.fn.Blocks) > 0 && t.unreleasedReturn(nil) == nil
}

// unreleasedReturn returns a return of fn reached from its entry on a
// path that passes no event ending the obligation, or nil when there is
// none (or fn has no body). cell, when set, is the family of a root that
// is a variable cell: releasing its content ends the obligation.
func (t *tracker) unreleasedReturn(cell *family) *ssa.Return {
	return t.unreleasedReturnBut(cell, nil)
}

// releasedUnlessErr reports whether every return of fn reached from its
// entry without an event ending the obligation returns an error that is
// neither the constant nil nor read from the tracked value unchecked
// (`return rows.Err()` is nil after a successful read; `if err != nil {
// return err }` after rows.Columns() is not): a helper that drains rows
// and gives up with an error on a bad column or scan.
func (t *tracker) releasedUnlessErr() bool {
	n := t.fn.Signature.Results().Len()
	if n == 0 || !types.Identical(t.fn.Signature.Results().At(n-1).Type(), errorType) {
		return false
	}
	return t.unreleasedReturnBut(nil, func(ret *ssa.Return) bool {
		if len(ret.Results) != n || isNil(ret.Results[n-1]) {
			return false
		}
		err := ret.Results[n-1]
		return !t.readFromHolder(err) || checkedNonNil(err, ret.Block())
	}) == nil
}

// checkedNonNil reports whether b runs only where v != nil: it is
// dominated by the branch of an `if v != nil` (or `v == nil`) taken then.
func checkedNonNil(v ssa.Value, b *ssa.BasicBlock) bool {
	for _, r := range referrers(v) {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || cmp.Op != token.NEQ && cmp.Op != token.EQL || !isNil(cmp.X) && !isNil(cmp.Y) {
			continue
		}
		for _, rr := range referrers(cmp) {
			iff, ok := rr.(*ssa.If)
			if !ok {
				continue
			}
			then := iff.Block().Succs[0]
			if cmp.Op == token.EQL {
				then = iff.Block().Succs[1]
			}
			if len(then.Preds) == 1 && then.Dominates(b) {
				return true
			}
		}
	}
	return false
}

// readFromHolder reports whether v is the result of a method called on
// a tracked value (rows.Err()).
func (t *tracker) readFromHolder(v ssa.Value) bool {
	if x, ok := v.(*ssa.Extract); ok {
		v = x.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	common := call.Common()
	if common.IsInvoke() {
		return t.holders[common.Value] != nil
	}
	callee := common.StaticCallee()
	return callee != nil && callee.Signature.Recv() != nil && len(common.Args) > 0 && t.holders[common.Args[0]] != nil
}

// unreleasedReturnBut is unreleasedReturn, passing over the returns
// that skip accepts.
func (t *tracker) unreleasedReturnBut(cell *family, skip func(*ssa.Return) bool) *ssa.Return {
	kills := make(map[ssa.Instruction]bool)
	killEdges := make(map[edge]bool)
	for i := range t.events {
		ev := &t.events[i]
		if ev.kills() || ev.killsThroughCell(cell) {
			kills[ev.Instr] = true
		}
		if ev.Direct && ev.On != nil && (ev.Kind == Release || ev.Kind == Transfer) {
			killEdges[*ev.On] = true
		}
	}
	if len(t.fn.Blocks) == 0 {
		return nil
	}
	seen := map[*ssa.BasicBlock]bool{t.fn.Blocks[0]: true}
	stack := []*ssa.BasicBlock{t.fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ended := false
	scan:
		for _, instr := range b.Instrs {
			if kills[instr] {
				ended = true
				break
			}
			if x, ok := instr.(*ssa.Return); ok {
				if skip != nil && skip(x) {
					ended = true
					break scan
				}
				return x
			}
			if t.e.endsProcess(instr) {
				ended = true
				break scan
			}
		}
		if ended {
			continue
		}
		for i, s := range b.Succs {
			if len(b.Succs) == 2 && killEdges[edge{b, i}] || seen[s] {
				continue
			}
			seen[s] = true
			stack = append(stack, s)
		}
	}
	return nil
}

// killsThroughCell reports whether ev ends the obligation of a root that
// is the variable cell holding the resource (a closure's captured
// variable, family cell): the release of what the cell holds.
func (ev *Event) killsThroughCell(cell *family) bool {
	if ev.Direct || ev.On != nil || ev.UnlessErr != nil || ev.fam == nil || ev.fam != cell && !heldInCell(ev.fam) {
		return false
	}
	switch ev.Kind {
	case Release, DeferRelease, Transfer:
		return true
	}
	return false
}

// rowsShapedNext reports whether common invokes Next or NextResultSet
// (func() bool) through an interface that also has database/sql's
// Close() error and Scan(...any) error: a helper that takes its rows as
// such an interface (sqlx's scanAll over rowsi) drains them as
// database/sql does, and what it is given is *sql.Rows or a type that
// embeds it. A hand-written implementation whose Next does not close is
// taken as closed: a miss, never a report.
func rowsShapedNext(common *ssa.CallCommon, method *types.Func) bool {
	if !common.IsInvoke() || method.Name() != "Next" && method.Name() != "NextResultSet" {
		return false
	}
	sig := method.Signature()
	if sig.Params().Len() != 0 || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool]) {
		return false
	}
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	return ok && hasInterfaceMethod(iface, "Close", func(s *types.Signature) bool {
		return s.Params().Len() == 0 && s.Results().Len() == 1 && types.Identical(s.Results().At(0).Type(), errorType)
	}) && hasInterfaceMethod(iface, "Scan", func(s *types.Signature) bool {
		return s.Variadic() && s.Params().Len() == 1 && s.Results().Len() == 1 && types.Identical(s.Results().At(0).Type(), errorType)
	})
}

// hasInterfaceMethod reports whether iface has a method name whose
// signature satisfies ok.
func hasInterfaceMethod(iface *types.Interface, name string, ok func(*types.Signature) bool) bool {
	for m := range iface.Methods() {
		if m.Name() == name {
			return ok(m.Signature())
		}
	}
	return false
}
