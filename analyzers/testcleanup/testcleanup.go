package testcleanup

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/docs"
	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports test resources and goroutines that outlive their test.
var Analyzer = &analysis.Analyzer{
	Name:     "testcleanup",
	Doc:      docs.Extract(doc, "testcleanup"),
	URL:      "https://github.com/leakvet/leakvet/blob/main/analyzers/testcleanup/doc.go",
	Requires: []*analysis.Analyzer{lifecycle.Analyzer},
	Run:      run,

	// The //leakvet:ignore directives it used, for the directives analyzer.
	ResultType: report.UsageType,
}

// failPath is -testcleanup.failpath: also report what leaks only on a
// path where the test has already failed.
var failPath bool

func init() {
	Analyzer.Flags.BoolVar(&failPath, "failpath", false,
		"also report leaks that happen only when t.Fatal, FailNow, require.* or b.Fatal ends a test that is already failing, or after t.Error or a false testify assert")
}

// checker holds what every clause needs for one package.
type checker struct {
	pass *analysis.Pass
	res  *lifecycle.Result
	rep  *report.Reporter
	// orphans: the package's goroutines with channel partners that may
	// never come (stranded.go), by go statement.
	orphans map[*ssa.Go]*lifecycle.Goroutine
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifecycle.Analyzer].(*lifecycle.Result)
	defer res.Use()()
	if res.Pkg == nil {
		return report.NoUsage, nil
	}
	c := &checker{pass: pass, res: res, rep: report.New(pass)}
	for _, a := range res.Acquisitions {
		if a.TestContext && (a.Kind.Owner == "" || a.Kind.Owner == pass.Analyzer.Name) {
			c.resource(a) // not cancel functions: gocancel owns them
		}
	}
	for _, fn := range res.Funcs {
		if !res.IsTestContext(fn) {
			continue
		}
		drs := res.DeferredReleases(fn)
		c.helperDefers(fn, drs)
		c.parallelSubtests(fn, drs)
		if res.IsTestMain(fn) {
			c.testMain(fn)
		}
		c.goroutines(fn)
		c.stranded(fn)
	}
	return c.rep.Usage(), nil
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// funcName names fn in messages: its declared name, or "the function
// literal" for a closure.
func funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the function literal"
	}
	return fn.Name()
}

// testingName returns the name under which fn's *testing.T (B, F, TB) is
// in scope at pos, or "" when there is none (a TestMain, a helper that
// takes no t).
func (c *checker) testingName(fn *ssa.Function, pos token.Pos) string {
	v := lifecycle.TestingValue(fn)
	if v == nil {
		return ""
	}
	name := v.Name()
	if !token.IsIdentifier(name) || name == "_" {
		return ""
	}
	// The name must still mean that variable where the fix goes.
	scope := c.innermostScope(pos)
	if scope == nil {
		return ""
	}
	_, obj := scope.LookupParent(name, pos)
	if obj == nil || !lifecycle.IsTB(obj.Type()) {
		return ""
	}
	return name
}

// innermostScope returns the innermost scope containing pos.
func (c *checker) innermostScope(pos token.Pos) *types.Scope {
	path := report.Path(c.pass, pos)
	for _, n := range path {
		if s := c.pass.TypesInfo.Scopes[n]; s != nil {
			return s.Innermost(pos)
		}
	}
	return nil
}

// stmtAt returns the statement that starts at or encloses pos and the
// statement list holding it.
func (c *checker) stmtAt(pos token.Pos) (ast.Stmt, []ast.Stmt) {
	path := report.Path(c.pass, pos)
	for i, n := range path {
		s, ok := n.(ast.Stmt)
		if !ok || i+1 >= len(path) {
			continue
		}
		switch p := path[i+1].(type) {
		case *ast.BlockStmt:
			return s, p.List
		case *ast.CaseClause:
			return s, p.Body
		case *ast.CommClause:
			return s, p.Body
		}
	}
	return nil, nil
}
