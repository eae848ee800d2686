package testcleanup

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// Clause 4: TestMain defers a teardown and then ends the process with
// os.Exit (or log.Fatal) after m.Run: deferred calls do not run when the
// process exits. A deferred release that the exit does as well (closing
// a database pool or a file) skips nothing and is not reported.

func (c *checker) testMain(fn *ssa.Function) {
	// The exits that end the process once the tests have run.
	afterRun := make(map[*ssa.Call]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !isMRun(call.Common()) {
				continue
			}
			for _, exit := range c.res.ExitsAfter(call) {
				afterRun[exit] = true
			}
		}
	}
	if len(afterRun) == 0 {
		return
	}
	endsWithProcess := c.releasesEndingWithProcess(fn)
	fixed := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok || endsWithProcess[d] {
				continue
			}
			var exit *ssa.Call
			for _, x := range c.res.ExitsAfter(d) {
				if afterRun[x] {
					exit = x
					break
				}
			}
			if exit == nil {
				continue
			}
			diag := analysis.Diagnostic{Pos: d.Pos(), End: d.Pos()}
			if st := c.stmtOf(d); st != nil {
				diag.Pos, diag.End = st.Pos(), st.End()
			}
			exitText := "the process exit"
			if call, _ := report.CallAt(c.pass, exit.Pos()); call != nil {
				exitText = report.Text(call.Fun)
			}
			diag.Message = fmt.Sprintf("%s in TestMain never runs: %s at line %d ends the process without running deferred calls; run the teardown before exiting: code := m.Run(); teardown(); os.Exit(code)",
				c.deferText(d), exitText, c.line(exit.Pos()))
			diag.Related = []analysis.RelatedInformation{{Pos: exit.Pos(), Message: "the process exits here; deferred calls are skipped"}}
			if !fixed {
				if fix, ok := c.testMainFix(fn); ok {
					diag.SuggestedFixes = []analysis.SuggestedFix{fix}
					fixed = true
				}
			}
			c.rep.Report(diag)
		}
	}
}

// releasesEndingWithProcess returns the defers of TestMain that only
// release a standard-library resource the process's exit releases anyway
// (`defer db.Close()`, `defer rows.Close()`, `defer srv.Close()`):
// skipping them at os.Exit leaks nothing, as in main.main, whoever
// acquired the resource. A deferred closure or function may do more than
// release (a teardown beside the Close) and is not among them, nor is a
// Commit, nor the removal of a temporary directory, which outlives the
// process.
func (c *checker) releasesEndingWithProcess(fn *ssa.Function) map[*ssa.Defer]bool {
	out := make(map[*ssa.Defer]bool)
	for _, dr := range c.res.DeferredReleases(fn) {
		if dr.Kind != nil && dr.Always && exitDoes(&dr.Defer.Call, dr.Kind) {
			out[dr.Defer] = true
		}
	}
	return out
}

// exitDoes reports whether c is itself a call of one of k's release
// methods that the process's exit does as well (`db.Close()`), not a
// function or closure that may do more, nor a Commit.
func exitDoes(c *ssa.CallCommon, k *lifecycle.Kind) bool {
	switch {
	case c.IsInvoke():
		return k.ExitDoes(c.Method.Name())
	case c.StaticCallee() != nil && c.StaticCallee().Signature.Recv() != nil:
		return k.ExitDoes(c.StaticCallee().Name())
	}
	return false
}

// isMRun reports whether c is (*testing.M).Run.
func isMRun(c *ssa.CallCommon) bool {
	callee := c.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil || callee.Name() != "Run" {
		return false
	}
	key, ok := lifecycle.TypeKeyOf(callee.Signature.Recv().Type())
	return ok && key == lifecycle.TypeKey{Pkg: "testing", Name: "M"}
}

// testMainFix rewrites
//
//	defer teardown()
//	...
//	os.Exit(m.Run())
//
// into
//
//	...
//	code := m.Run()
//	teardown()
//	os.Exit(code)
//
// (or inserts the teardowns before `os.Exit(code)` when the code already
// has a name). It is offered when every defer of TestMain is a statement
// of its body with simple arguments and the exit is the body's last
// statement.
func (c *checker) testMainFix(fn *ssa.Function) (analysis.SuggestedFix, bool) {
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Body == nil || len(decl.Body.List) == 0 {
		return analysis.SuggestedFix{}, false
	}
	body := decl.Body
	last, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	exit, ok := last.X.(*ast.CallExpr)
	if !ok || len(exit.Args) != 1 || !strings.HasSuffix(report.Text(exit.Fun), ".Exit") {
		return analysis.SuggestedFix{}, false
	}
	var defers []*ast.DeferStmt
	nested := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			defers = append(defers, n)
		}
		return true
	})
	for _, d := range defers {
		if indexStmt(body.List, d) < 0 || !c.movable(d.Call) {
			nested = true
		}
	}
	if len(defers) == 0 || nested {
		return analysis.SuggestedFix{}, false
	}
	indent := strings.Repeat("\t", c.pass.Fset.Position(last.Pos()).Column-1)
	var teardown strings.Builder
	for i := len(defers) - 1; i >= 0; i-- {
		teardown.WriteString(indent + c.source(defers[i].Call, indent) + "\n")
	}
	var edits []analysis.TextEdit
	for _, d := range defers {
		e, _ := deleteLine(c.pass.Fset, d)
		edits = append(edits, e)
	}
	arg := exit.Args[0]
	if _, isIdent := arg.(*ast.Ident); isIdent {
		// os.Exit(code): run the teardowns just before it.
		start := c.lineStart(last.Pos())
		edits = append(edits, analysis.TextEdit{Pos: start, End: start, NewText: []byte(teardown.String())})
	} else {
		name := c.freeName(body, last.Pos(), "code", "exitCode", "rc")
		if name == "" {
			return analysis.SuggestedFix{}, false
		}
		text := name + " := " + c.source(arg, indent) + "\n" + teardown.String() + indent + report.Text(exit.Fun) + "(" + name + ")"
		edits = append(edits, analysis.TextEdit{Pos: last.Pos(), End: last.End(), NewText: []byte(text)})
	}
	return analysis.SuggestedFix{Message: "Run the deferred teardown before os.Exit", TextEdits: edits}, true
}

// movable reports whether a deferred call can run later, at the exit,
// with the same meaning: its arguments are identifiers, selectors or
// literals.
func (c *checker) movable(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if !simpleExpr(a) {
			return false
		}
	}
	return true
}

// source prints node as Go source, indenting its continuation lines.
func (c *checker) source(node ast.Node, indent string) string {
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, c.pass.Fset, node); err != nil {
		return report.Text(node.(ast.Expr))
	}
	return strings.ReplaceAll(buf.String(), "\n", "\n"+indent)
}

func (c *checker) lineStart(pos token.Pos) token.Pos {
	file := c.pass.Fset.File(pos)
	return file.LineStart(file.Line(pos))
}

// freeName returns the first of names not declared in scope at pos.
func (c *checker) freeName(body *ast.BlockStmt, pos token.Pos, names ...string) string {
	scope := c.innermostScope(pos)
	if scope == nil {
		return ""
	}
	for _, n := range names {
		if _, obj := scope.LookupParent(n, pos); obj == nil {
			return n
		}
	}
	return ""
}
