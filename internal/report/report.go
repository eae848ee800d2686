// Package report turns analyzer findings into diagnostics: it names the
// analyzer in every message, honours //leakvet:ignore directives and
// records which ones it used, drops findings in generated files, and finds
// the source text messages quote.
package report

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/leakvet/leakvet/internal/directive"
)

// Reporter reports one analyzer's diagnostics for one pass.
type Reporter struct {
	pass *analysis.Pass
	dirs *directive.Set
	gen  *generatedFiles
	// seen drops repeated reports of one message at one position (a
	// generic function and its instances).
	seen map[seenKey]bool
}

type seenKey struct {
	pos token.Pos
	msg string
}

// New returns a Reporter for pass. Malformed //leakvet:ignore directives
// and those that silence nothing are the directives analyzer's to report.
func New(pass *analysis.Pass) *Reporter {
	return &Reporter{pass: pass, dirs: directive.Parse(pass.Fset, pass.Files), gen: newGeneratedFiles(pass.Fset, pass.Files), seen: make(map[seenKey]bool)}
}

// UsageType is the ResultType of every analyzer that reports through a
// Reporter: the directives it used, from Usage.
var UsageType = reflect.TypeOf((*directive.Usage)(nil))

// NoUsage is the result of an analyzer run that reported nothing.
var NoUsage = (*directive.Usage)(nil)

// Usage returns the directives that silenced a report so far: the
// analyzer's result, once it has reported everything.
func (r *Reporter) Usage() *directive.Usage { return r.dirs.Usage() }

// Report prefixes the message with the analyzer's name and reports d
// unless a directive silences it or it lies in a generated file (see
// IncludeGenerated) or an excluded one (see Exclude). A diagnostic without
// a Category gets CategoryNormal.
func (r *Reporter) Report(d analysis.Diagnostic) {
	name := r.pass.Analyzer.Name
	if r.dirs.Suppresses(name, d.Pos) || r.gen.hides(d.Pos) {
		return
	}
	k := seenKey{d.Pos, d.Message}
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	d.Message = name + ": " + d.Message
	if d.Category == "" {
		d.Category = CategoryNormal
	}
	r.pass.Report(d)
}

// Path returns the syntax path from the innermost node enclosing pos to
// the file, or nil. It finds the file and the top-level declaration by
// binary search, so the cost does not grow with the size of the file.
func Path(pass *analysis.Pass, pos token.Pos) []ast.Node {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() > pos })
			if i == len(f.Decls) || f.Decls[i].Pos() > pos {
				path, _ := astutil.PathEnclosingInterval(f, pos, pos)
				return path
			}
			return append(enclosing(f.Decls[i], pos), f)
		}
	}
	return nil
}

// enclosing returns the nodes under root that contain pos, innermost
// first, ending with root.
func enclosing(root ast.Node, pos token.Pos) []ast.Node {
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil || n.Pos() > pos || pos >= n.End() {
			return false
		}
		stack = append(stack, n)
		return true
	})
	for i, j := 0, len(stack)-1; i < j; i, j = i+1, j-1 {
		stack[i], stack[j] = stack[j], stack[i]
	}
	return stack
}

// CallAt returns the call expression whose '(' is at lparen (the position
// go/ssa gives a call) and the path to it.
func CallAt(pass *analysis.Pass, lparen token.Pos) (*ast.CallExpr, []ast.Node) {
	path := Path(pass, lparen)
	for i, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			return call, path[i:]
		}
	}
	return nil, nil
}

// Text renders an expression as source.
func Text(e ast.Expr) string { return types.ExprString(e) }

// Subject names what a message says must be released: the variable that
// holds it ("rows"), the field of that variable that is the resource
// ("resp.Body"), or, when no variable holds it, "the " and its noun.
func Subject(name, field, noun string) string {
	switch {
	case name == "":
		return "the " + noun
	case field != "":
		return name + "." + field
	}
	return name
}

// IsNotNilCheck reports whether s is `if name != nil { ... }` with no
// init statement: the error check a suggested fix inserts its line after.
func IsNotNilCheck(s ast.Stmt, name string) bool {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Init != nil {
		return false
	}
	cmp, ok := ifs.Cond.(*ast.BinaryExpr)
	if !ok || cmp.Op != token.NEQ {
		return false
	}
	x, ok1 := cmp.X.(*ast.Ident)
	y, ok2 := cmp.Y.(*ast.Ident)
	return ok1 && ok2 && x.Name == name && y.Name == "nil"
}
