package clientreuse

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/docs"
	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports connection pools built per request or per loop
// iteration.
var Analyzer = &analysis.Analyzer{
	Name:     "clientreuse",
	Doc:      docs.Extract(doc, "clientreuse"),
	URL:      "https://github.com/leakvet/leakvet/blob/main/analyzers/clientreuse/doc.go",
	Requires: []*analysis.Analyzer{lifecycle.Analyzer},
	Run:      run,

	// The //leakvet:ignore directives it used, for the directives analyzer.
	ResultType: report.UsageType,
}

func init() {
	Analyzer.Flags.Var(lifecycle.ListFlag{Add: lifecycle.Pools.Extend}, "constructors",
		"add expensive constructors: comma-separated importpath.Func, importpath.Type.Method or importpath.Type{}, each optionally :Release[|Release]")
	Analyzer.Flags.Var(lifecycle.ListFlag{Add: lifecycle.Entries.Extend}, "entries",
		"add per-request entry types: comma-separated importpath.Type (a named function type, or the type of a parameter)")
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifecycle.Analyzer].(*lifecycle.Result)
	defer res.Use()()
	if err := res.FlagError(pass.Analyzer.Name); err != nil {
		return nil, fmt.Errorf("-%s.constructors or -%s.entries: %w", pass.Analyzer.Name, pass.Analyzer.Name, err)
	}
	rep := report.New(pass)
	for _, site := range res.Pools() {
		r := res.PerRepetition(site)
		if r == nil || r.Loop == nil && res.ProcessLifetime(site.Fn) || fixturePerCase(site, r) {
			continue
		}
		rep.Report(diagnose(pass, site, r))
	}
	return rep.Usage(), nil
}

// fixturePerCase reports whether a test loop builds a fresh pool per
// iteration on purpose: test code (the loop's body, a goroutine it
// starts, a test helper) builds the pool and shuts it down again, as a
// test of N handshakes or of per-connection cleanup does. Reuse would
// defeat such a test. A pool the test code never closes is still a leak,
// and a library function that builds and closes one on every call is
// still churn, which the test loop only shows.
func fixturePerCase(site *lifecycle.PoolSite, r *lifecycle.Repetition) bool {
	return r.Loop != nil && site.Released && site.BuiltByTestCode()
}

// diagnose builds the report of a pool built per repetition.
func diagnose(pass *analysis.Pass, site *lifecycle.PoolSite, r *lifecycle.Repetition) analysis.Diagnostic {
	node, what := syntaxOf(pass, site)
	d := analysis.Diagnostic{Pos: site.Instr.Pos(), End: site.Instr.Pos(), Category: report.CategoryOf(r.Class())}
	if node != nil {
		d.Pos, d.End = node.Pos(), node.End()
	}
	noun := site.Kind.Noun
	if h := site.Helper; h != nil {
		// Helpers of this package need no qualifier.
		where := strings.ReplaceAll(h.Via, pass.Pkg.Name()+".", "")
		if h.Where != "" {
			where += " at " + h.Where
		}
		noun += " (" + where + ")"
	}
	when, each, grows := "on every request", "each request", "as traffic grows"
	hint := "build it once and reuse it: hoist it to a field set in the constructor or a package-level var"
	if r.Entry == nil {
		when, each, grows = "on every iteration of the loop", "each iteration", "with every iteration"
		hint = "build it once before the loop and reuse it, or hoist it to a field set in the constructor"
	}
	if h := site.Helper; h != nil && h.Result < 0 && r.Entry == nil {
		// The callee builds and drops one on every call: the loop only
		// shows it, the fix is in the callee.
		hint = "the callee builds one on every call: make it reuse one built once (a field set in its constructor or a package-level var)"
	}
	fate := "never closes it, so idle connections and their goroutines pile up " + grows
	if site.Released {
		fate = fmt.Sprintf("closes it again, so %s pays for new connections and their handshakes", each)
	}
	d.Message = fmt.Sprintf("%s builds a new %s %s and %s; %s", what, noun, when, fate, hint)
	d.Related = related(pass, site, r)
	return d
}

// syntaxOf finds the expression of the site and renders it for messages:
// "&http.Transport{...}", "new(http.Transport)", "sql.Open".
func syntaxOf(pass *analysis.Pass, site *lifecycle.PoolSite) (ast.Node, string) {
	if _, ok := site.Instr.(*ssa.Alloc); ok {
		path := report.Path(pass, site.Instr.Pos())
		for i, n := range path {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if n.Lbrace != site.Instr.Pos() {
					continue
				}
				text := report.Text(n.Type) + "{}"
				if len(n.Elts) > 0 {
					text = report.Text(n.Type) + "{...}"
				}
				if i+1 < len(path) {
					if u, ok := path[i+1].(*ast.UnaryExpr); ok && u.Op == token.AND {
						return u, "&" + text
					}
				}
				return n, text
			case *ast.CallExpr:
				if n.Lparen == site.Instr.Pos() {
					return n, report.Text(n)
				}
			}
		}
		if len(path) > 0 {
			if id, ok := path[0].(*ast.Ident); ok {
				return id, id.Name
			}
		}
		return nil, "&" + site.Via()
	}
	call := site.Instr.(ssa.CallInstruction)
	if expr, _ := report.CallAt(pass, call.Common().Pos()); expr != nil {
		switch fun := ast.Unparen(expr.Fun).(type) {
		case *ast.FuncLit:
			return expr, "the function literal"
		case *ast.SelectorExpr:
			if text := report.Text(fun); len(text) > maxCallText {
				return expr, "…." + fun.Sel.Name
			}
		}
		return expr, report.Text(expr.Fun)
	}
	return nil, site.Via()
}

// maxCallText is the longest callee expression a message quotes in full.
const maxCallText = 48

// related lists the call path from the per-request entry (or the loop) to
// the site.
func related(pass *analysis.Pass, site *lifecycle.PoolSite, r *lifecycle.Repetition) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	add := func(pos token.Pos, msg string) {
		if pos.IsValid() {
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
		}
	}
	if r.Entry != nil {
		add(r.Entry.Pos(), fmt.Sprintf("%s: %s", lifecycle.FuncName(r.Entry), r.Why))
	} else if loop := enclosingLoop(pass, site.Instr.Pos()); loop != nil {
		add(loop.Pos(), "this loop builds one on each iteration")
	}
	for _, st := range r.Path {
		add(stepPos(st), stepMessage(st))
	}
	return out
}

// stepPos is where a step happens: the call's parenthesis, or the
// function literal a closure is made of.
func stepPos(st lifecycle.Step) token.Pos {
	switch x := st.Instr.(type) {
	case ssa.CallInstruction:
		if x.Common().Pos().IsValid() {
			return x.Common().Pos()
		}
	case *ssa.MakeClosure:
		return st.To.Pos()
	}
	if pos := st.Instr.Pos(); pos.IsValid() {
		return pos
	}
	return st.To.Pos()
}

func stepMessage(st lifecycle.Step) string {
	switch st.Instr.(type) {
	case *ssa.Go:
		return "starts " + lifecycle.FuncName(st.To)
	case *ssa.Defer:
		return "defers " + lifecycle.FuncName(st.To)
	case *ssa.Call:
		return "calls " + lifecycle.FuncName(st.To)
	case *ssa.MakeClosure:
		return "creates " + lifecycle.FuncName(st.To)
	}
	return "uses " + lifecycle.FuncName(st.To)
}

// enclosingLoop returns the innermost for or range statement of the
// function around pos whose body holds pos.
func enclosingLoop(pass *analysis.Pass, pos token.Pos) ast.Node {
	for _, n := range report.Path(pass, pos) {
		switch n := n.(type) {
		case *ast.ForStmt:
			if n.Body.Pos() <= pos && pos < n.Body.End() {
				return n
			}
		case *ast.RangeStmt:
			if n.Body.Pos() <= pos && pos < n.Body.End() {
				return n
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}
