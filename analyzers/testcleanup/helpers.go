package testcleanup

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// Clause 2: a helper defers the release of a resource while a value that
// depends on it (the resource, its URL or client, a transaction or
// wrapper built on it, a context derived from the one it cancels, a path
// under the directory it removes) leaves the helper. The defer runs when
// the helper returns, before the test uses what it was given.

func (c *checker) helperDefers(fn *ssa.Function, drs []lifecycle.DeferredRelease) {
	if c.res.IsTestEntry(fn) || lifecycle.SubtestCall(fn) != nil || lifecycle.GoBody(fn) {
		return // not a helper: nothing receives what it returns
	}
	for _, dr := range drs {
		if !dr.Always {
			continue
		}
		deps := c.res.HandOutDependents(fn, dr.Root, dr.Kind)
		esc, ok := c.firstEscape(dr, deps)
		if !ok {
			continue
		}
		c.reportHelperDefer(fn, dr, esc)
	}
}

// firstEscape picks the escape to report: a return reachable from the
// defer first, then any store or send.
func (c *checker) firstEscape(dr lifecycle.DeferredRelease, deps *lifecycle.Dependents) (lifecycle.Escape, bool) {
	var other *lifecycle.Escape
	for i, esc := range deps.Escapes {
		if esc.Kind == lifecycle.EscReturn {
			if reachable(dr.Defer, esc.Instr) {
				return esc, true
			}
			continue
		}
		if other == nil {
			other = &deps.Escapes[i]
		}
	}
	if other != nil {
		return *other, true
	}
	return lifecycle.Escape{}, false
}

// reachable reports whether to can run after from in their function.
func reachable(from, to ssa.Instruction) bool {
	fb, tb := from.Block(), to.Block()
	if fb == tb {
		for _, x := range fb.Instrs {
			if x == from {
				return true // from comes first
			}
			if x == to {
				break
			}
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), fb.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == tb {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

func (c *checker) reportHelperDefer(fn *ssa.Function, dr lifecycle.DeferredRelease, esc lifecycle.Escape) {
	deferText := c.deferText(dr.Defer)
	what := c.escapingText(esc)
	var how string
	switch esc.Kind {
	case lifecycle.EscReturn:
		how = what + " is returned"
	case lifecycle.EscStore:
		how = what + " is stored where it outlives the helper"
	case lifecycle.EscSend:
		how = what + " is sent on a channel"
	}
	name := funcName(fn)
	if fn.Parent() == nil {
		name = "helper " + name
	} else {
		name = "the helper function literal"
	}
	dead := "released"
	switch {
	case dr.Cancel:
		dead = "cancelled"
	case dr.Kind != nil:
		dead = dr.Kind.Verb()
	}
	d := analysis.Diagnostic{Pos: dr.Defer.Pos(), End: dr.Defer.Pos()}
	if st := c.stmtOf(dr.Defer); st != nil {
		d.Pos, d.End = st.Pos(), st.End()
	}
	fix, fixText := c.helperFix(fn, dr)
	hint := "register the release with t.Cleanup so that it runs when the test ends"
	if fixText != "" {
		hint = fixText
	}
	d.Message = fmt.Sprintf("%s in %s runs when the helper returns, but %s: the caller gets something already %s; %s",
		deferText, name, how, dead, hint)
	d.Related = []analysis.RelatedInformation{{Pos: esc.Instr.Pos(), Message: fmt.Sprintf("%s leaves the helper here", what)}}
	if !esc.Instr.Pos().IsValid() {
		d.Related = nil
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// deferText quotes a defer statement: "defer srv.Close()".
func (c *checker) deferText(d *ssa.Defer) string {
	if st, ok := c.stmtOf(d).(*ast.DeferStmt); ok {
		if _, isLit := ast.Unparen(st.Call.Fun).(*ast.FuncLit); isLit {
			return "the deferred function literal"
		}
		return "defer " + report.Text(st.Call)
	}
	return "the deferred call"
}

// escapingText names the escaping value: the returned expression, or a
// description.
func (c *checker) escapingText(esc lifecycle.Escape) string {
	if ret, ok := esc.Instr.(*ssa.Return); ok {
		idx := -1
		for i, r := range ret.Results {
			if r == esc.Value {
				idx = i
			}
		}
		for _, n := range report.Path(c.pass, ret.Pos()) {
			if rs, ok := n.(*ast.ReturnStmt); ok {
				if idx >= 0 && idx < len(rs.Results) && len(rs.Results) == len(ret.Results) {
					if text := report.Text(rs.Results[idx]); text != "nil" {
						return text
					}
				}
				break
			}
		}
	}
	if esc.Self {
		return "the resource"
	}
	return "a value that depends on it"
}

// helperFix replaces the defer by t.Cleanup (or, for a directory from
// os.MkdirTemp, the pair by t.TempDir()). It returns nil when no t is in
// scope or the deferred call's arguments are not simple enough to be
// evaluated later.
func (c *checker) helperFix(fn *ssa.Function, dr lifecycle.DeferredRelease) (*analysis.SuggestedFix, string) {
	st, ok := c.stmtOf(dr.Defer).(*ast.DeferStmt)
	if !ok {
		return nil, ""
	}
	tname := c.testingName(fn, st.Pos())
	if tname == "" {
		return nil, ""
	}
	if fix, ok := c.tempDirFix(fn, dr, st, tname); ok {
		return &fix, "use " + tname + ".TempDir(), which is removed when the test and its subtests end"
	}
	arg, ok := c.cleanupArg(st.Call)
	if !ok {
		return nil, ""
	}
	text := tname + ".Cleanup(" + arg + ")"
	return &analysis.SuggestedFix{
		Message:   "Replace the defer with `" + text + "`",
		TextEdits: []analysis.TextEdit{{Pos: st.Pos(), End: st.End(), NewText: []byte(text)}},
	}, "use " + text + " instead"
}

// cleanupArg turns a deferred call into the func() that t.Cleanup takes:
// the function itself when it takes and returns nothing (srv.Close,
// cancel, a function literal), a function literal calling it otherwise
// (with an error result assigned to _, as errcheck wants).
func (c *checker) cleanupArg(call *ast.CallExpr) (string, bool) {
	sig, _ := c.pass.TypesInfo.TypeOf(call.Fun).Underlying().(*types.Signature)
	if sig != nil && len(call.Args) == 0 && sig.Params().Len() == 0 && sig.Results().Len() == 0 {
		return report.Text(call.Fun), true
	}
	for _, a := range call.Args {
		if !simpleExpr(a) {
			return "", false
		}
	}
	if _, isLit := ast.Unparen(call.Fun).(*ast.FuncLit); isLit {
		return "", false
	}
	return "func() { " + report.CheckedStmt(sig, report.Text(call)) + " }", true
}

// simpleExpr reports whether e reads the same later as now, as far as a
// reader can tell: identifiers, selectors and literals.
func simpleExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return simpleExpr(e.X)
	}
	return false
}

// tempDirFix rewrites `dir, err := os.MkdirTemp(...)`, its error check and
// `defer os.RemoveAll(dir)` into `dir := t.TempDir()`.
func (c *checker) tempDirFix(fn *ssa.Function, dr lifecycle.DeferredRelease, st *ast.DeferStmt, tname string) (analysis.SuggestedFix, bool) {
	a := dr.Acq
	if a == nil || a.Kind.Name != "os.MkdirTemp" || a.Fn != fn {
		return analysis.SuggestedFix{}, false
	}
	s := c.siteOf(a)
	as, ok := s.Assign.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || s.Name == "" || len(as.Lhs) != 2 || s.list == nil {
		return analysis.SuggestedFix{}, false
	}
	if call, ok := st.Call.Fun.(*ast.SelectorExpr); !ok || call.Sel.Name != "RemoveAll" || len(st.Call.Args) != 1 {
		return analysis.SuggestedFix{}, false
	} else if id, ok := st.Call.Args[0].(*ast.Ident); !ok || id.Name != s.Name {
		return analysis.SuggestedFix{}, false
	}
	edits := []analysis.TextEdit{{Pos: as.Pos(), End: as.End(), NewText: []byte(s.Name + " := " + tname + ".TempDir()")}}
	if s.ErrName != "" {
		idx := indexStmt(s.list, as)
		if idx < 0 || idx+1 >= len(s.list) || !isErrCheck(s.list[idx+1], s.ErrName) {
			return analysis.SuggestedFix{}, false
		}
		errObj := c.pass.TypesInfo.Defs[as.Lhs[1].(*ast.Ident)]
		if errObj == nil || c.usedOutside(errObj, s.list[idx+1]) {
			return analysis.SuggestedFix{}, false
		}
		e, _ := deleteLine(c.pass.Fset, s.list[idx+1])
		edits = append(edits, e)
	}
	e, _ := deleteLine(c.pass.Fset, st)
	edits = append(edits, e)
	return analysis.SuggestedFix{Message: "Use " + tname + ".TempDir()", TextEdits: edits}, true
}

// usedOutside reports whether obj is used anywhere but inside node.
func (c *checker) usedOutside(obj types.Object, node ast.Node) bool {
	for id, o := range c.pass.TypesInfo.Uses {
		if o == obj && (id.Pos() < node.Pos() || id.Pos() >= node.End()) {
			return true
		}
	}
	return false
}
