package testcleanup

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// Clause 1: a resource acquired in a test with a path to an exit of the
// test (a return, t.Fatal, require.*) on which it is neither released nor
// handed on.

// site is what the messages and fixes about one acquisition need from
// the syntax.
type site struct {
	*report.Site
	// list is the statement list holding Assign.
	list []ast.Stmt
}

func (c *checker) siteOf(a *lifecycle.Acquisition) *site {
	s := &site{Site: report.SiteOf(c.pass, a)}
	if s.Call == nil || len(s.Path) < 2 {
		return s
	}
	if a.Result == lifecycle.ReceiverResult {
		s.errStmt(s.Path)
	}
	if s.Assign != nil {
		_, s.list = c.stmtAt(s.Assign.Pos())
	}
	return s
}

// errStmt records, for `if err := cmd.Start(); err != nil` or a plain
// `err := cmd.Start()`, the statement and error name.
func (s *site) errStmt(path []ast.Node) {
	for i, n := range path {
		switch st := n.(type) {
		case *ast.AssignStmt:
			if len(st.Lhs) == 1 && len(st.Rhs) == 1 && st.Rhs[0] == s.Call {
				if id, ok := st.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
					s.ErrName = id.Name
				}
				if i+1 < len(path) {
					if ifs, ok := path[i+1].(*ast.IfStmt); ok && ifs.Init == st {
						s.Assign = ifs
						return
					}
				}
				s.Assign = st
				return
			}
		case *ast.ExprStmt:
			s.Assign = st
			return
		case *ast.IfStmt, *ast.BlockStmt, *ast.FuncLit, *ast.FuncDecl:
			return
		}
	}
}

// origin says where the resource comes from: "srv from httptest.NewServer",
// or "the process cmd.Start starts".
func (s *site) origin() string {
	if s.A.Result == lifecycle.ReceiverResult {
		return fmt.Sprintf("the %s %s starts", s.A.Kind.Noun, s.Callee())
	}
	return fmt.Sprintf("%s from %s", s.Subject(), s.Callee())
}

func (c *checker) resource(a *lifecycle.Acquisition) {
	if a.Leak == nil && len(a.DeferInLoop) == 0 {
		return
	}
	s := c.siteOf(a)
	if strings.HasPrefix(c.loopName(a), "b.") {
		// A test keeps what each iteration opens until it ends on
		// purpose (a connection per subscriber); a benchmark loop runs
		// b.N times.
		for _, d := range a.DeferInLoop {
			c.rep.Report(c.deferInLoop(s, d))
		}
	}
	if a.Leak == nil {
		return
	}
	if c.res.LivesWithProcess(a) && a.Leak.Kind != lifecycle.LeakNextIteration {
		// A fixture shared by the test binary (a sync.Once body) or made
		// by TestMain: the process's exit releases it. A temporary
		// directory stays on disk and is still reported.
		return
	}
	leak := a.PassingLeak
	if a.FailPathOnly() {
		if !failPath {
			// It leaks only where the test has already failed: quiet
			// unless -testcleanup.failpath asks for those.
			return
		}
		leak = a.Leak
	}
	d := analysis.Diagnostic{Pos: a.Call.Pos(), End: a.Call.Pos(), Category: report.CategoryOf(a.Class(leak))}
	if s.Call != nil {
		d.Pos, d.End = s.Call.Pos(), s.Call.End()
	}
	verb := a.Kind.Verb()
	cleanup := c.cleanupText(s)
	register := "register its cleanup with t.Cleanup right after creating it"
	if cleanup != "" {
		register = fmt.Sprintf("register %s right after creating it", cleanup)
	}
	repeated := calledRepeatedly(c.res, a.Fn)
	if repeated {
		// Each call would add a t.Cleanup that waits for the end of
		// the test.
		register = fmt.Sprintf("%s it with defer inside the function literal, which runs many times: a t.Cleanup per call piles up until the test ends", strings.ToLower(releaseWord(a.Kind)))
	}
	switch {
	case s.Discarded:
		what := types.TypeString(a.Call.Common().Signature().Results().At(a.Result).Type(), (*types.Package).Name)
		d.Message = fmt.Sprintf("the %s returned by %s is discarded, so it is never %s before the test ends; assign it and register its cleanup with t.Cleanup", what, s.Callee(), verb)
		c.rep.Report(d)
		return
	case leak.Kind == lifecycle.LeakNextIteration:
		d.Message = fmt.Sprintf("%s is created in every %s and not %s in it: they pile up until the %s ends; %s it before the iteration ends",
			s.origin(), c.loopName(a), verb, testNoun(a.Fn), strings.ToLower(releaseWord(a.Kind)))
		d.Related = []analysis.RelatedInformation{{Pos: a.Call.Pos(), Message: "the next iteration creates another here"}}
		c.rep.Report(d)
		return
	case leak.Kind == lifecycle.LeakInGoroutine:
		d.Message = s.InGoroutine(c.pass.Fset)
		d.Related = c.leakRelated(s, leak)
		c.rep.Report(d)
		return
	case a.NeverReleased():
		d.Message = fmt.Sprintf("%s is never %s%s; %s", s.origin(), verb, c.neverSuffix(a), register)
		d.Related = c.leakRelated(s, leak)
	case leak.Kind == lifecycle.LeakAtFailNow && a.Has(lifecycle.Release, lifecycle.DeferRelease):
		d.Message = fmt.Sprintf("%s is %s only after line %d, where %s may end the test first; %s",
			s.origin(), verb, c.line(leak.Exit.Pos()), c.exitCallText(leak.Exit), register)
		d.Related = c.leakRelated(s, leak)
	case leak.Kind == lifecycle.LeakAtFailNow:
		d.Message = fmt.Sprintf("%s is not %s when %s at line %d ends the test; %s",
			s.origin(), verb, c.exitCallText(leak.Exit), c.line(leak.Exit.Pos()), register)
		d.Related = c.leakRelated(s, leak)
	default:
		exit := "returns"
		if pos := report.ExitPos(leak.Exit); pos.IsValid() {
			exit = fmt.Sprintf("returns at line %d", c.line(pos))
		}
		d.Related = c.leakRelated(s, leak)
		d.Message = fmt.Sprintf("%s is not %s on the path that %s; %s", s.origin(), verb, exit, register)
	}
	if fix, ok := c.cleanupFix(s); ok && !repeated {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// calledRepeatedly reports whether fn is a function literal (not a
// subtest body) that its parent calls inside a loop or from more than
// one place.
func calledRepeatedly(res *lifecycle.Result, fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil || lifecycle.SubtestCall(fn) != nil {
		return false
	}
	calls := 0
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			v := call.Call.Value
			if mc, ok := v.(*ssa.MakeClosure); ok {
				v = mc.Fn
			}
			if v != fn {
				continue
			}
			calls++
			if res.InLoop(call) {
				return true
			}
		}
	}
	return calls > 1
}

// neverSuffix explains why an unstarted server counts.
func (c *checker) neverSuffix(a *lifecycle.Acquisition) string {
	if a.Callee.Name() == "NewUnstartedServer" && a.Callee.Pkg() != nil && a.Callee.Pkg().Path() == "net/http/httptest" {
		return " (an unstarted server already holds its listener)"
	}
	return ""
}

// leakRelated places the exit where the resource leaks: the call that
// ends the test, or the return (the end of the test when it falls off
// its closing brace).
func (c *checker) leakRelated(s *site, leak *lifecycle.Leak) []analysis.RelatedInformation {
	if leak.Kind == lifecycle.LeakAtFailNow {
		return []analysis.RelatedInformation{{Pos: leak.Exit.Pos(), Message: fmt.Sprintf("%s leaks here if the test ends: deferred calls run, later statements do not", s.Subject())}}
	}
	pos := report.ExitPos(leak.Exit)
	if !pos.IsValid() {
		return nil
	}
	if leak.Kind == lifecycle.LeakInGoroutine {
		return []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("%s leaks here: the goroutine returns without it being %s", s.Subject(), s.A.Kind.Verb())}}
	}
	return []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("%s leaks here: the %s returns without it being %s", s.Subject(), testNoun(s.A.Fn), s.A.Kind.Verb())}}
}

// exitCallText quotes the call that may end the test: "t.Fatal(err)".
func (c *checker) exitCallText(exit ssa.Instruction) string {
	if call, _ := report.CallAt(c.pass, exit.Pos()); call != nil {
		return report.Text(call.Fun)
	}
	return "a call that may end the test"
}

// testNoun is "benchmark", "fuzz target" or "test", by the enclosing
// top-level function.
func testNoun(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	switch {
	case strings.HasPrefix(fn.Name(), "Benchmark"):
		return "benchmark"
	case strings.HasPrefix(fn.Name(), "Fuzz"):
		return "fuzz target"
	}
	return "test"
}

// releaseWord is the imperative of the release: "Close", "Stop",
// "Wait for", "Remove".
func releaseWord(k *lifecycle.Kind) string {
	if m := k.FixMethod(); m != "" {
		if m == "Wait" {
			return "Wait for"
		}
		return m
	}
	return "Remove"
}

// loopName describes the loop that acquires a's resource: "b.Loop()
// iteration", "b.N iteration" or "loop iteration".
func (c *checker) loopName(a *lifecycle.Acquisition) string {
	for _, n := range report.Path(c.pass, a.Call.Pos()) {
		switch l := n.(type) {
		case *ast.ForStmt:
			if isBLoop(c.pass.TypesInfo, l.Cond) {
				return "b.Loop() iteration"
			}
			if mentionsBN(c.pass.TypesInfo, l.Cond) {
				return "b.N iteration"
			}
			return "loop iteration"
		case *ast.RangeStmt:
			if mentionsBN(c.pass.TypesInfo, l.X) {
				return "b.N iteration"
			}
			return "loop iteration"
		case *ast.FuncLit, *ast.FuncDecl:
			return "loop iteration"
		}
	}
	return "loop iteration"
}

// isBLoop reports whether e is b.Loop() on a *testing.B.
func isBLoop(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Loop" && isTestingB(info.TypeOf(sel.X))
}

// mentionsBN reports whether e mentions b.N of a *testing.B.
func mentionsBN(info *types.Info, e ast.Expr) bool {
	found := false
	if e == nil {
		return false
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "N" && isTestingB(info.TypeOf(sel.X)) {
			found = true
		}
		return !found
	})
	return found
}

func isTestingB(t types.Type) bool {
	key, ok := lifecycle.TypeKeyOf(t)
	return ok && key == lifecycle.TypeKey{Pkg: "testing", Name: "B"}
}

// deferInLoop reports a deferred release inside the loop that acquires
// the resource: it runs only when the test function returns.
func (c *checker) deferInLoop(s *site, d *ssa.Defer) analysis.Diagnostic {
	text := "the deferred call"
	if path := report.Path(c.pass, d.Pos()); len(path) > 0 {
		for _, n := range path {
			if ds, ok := n.(*ast.DeferStmt); ok {
				text = "defer " + report.Text(ds.Call)
				break
			}
		}
	}
	return analysis.Diagnostic{
		Category: report.CategoryLoop,
		Pos:      d.Pos(),
		Message: fmt.Sprintf("%s inside a %s runs only when the %s function returns: every %s from %s stays open until then; %s it at the end of each iteration",
			text, strings.TrimSuffix(c.loopName(s.A), " iteration"), testNoun(s.A.Fn), s.Subject(), s.Callee(), strings.ToLower(releaseWord(s.A.Kind))),
		Related: []analysis.RelatedInformation{{Pos: s.A.Call.Pos(), Message: "acquired here, once per iteration"}},
	}
}
