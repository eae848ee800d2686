// Package report turns analyzer findings into diagnostics: it names the
// analyzer in every message, honours //leakvet:ignore directives and
// reports malformed ones, and finds the source text messages quote.
package report

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/leakvet/leakvet/internal/directive"
)

// Reporter reports one analyzer's diagnostics for one pass.
type Reporter struct {
	pass *analysis.Pass
	dirs *directive.Set
	// seen drops repeated reports of one message at one position (a
	// generic function and its instances).
	seen map[seenKey]bool
}

type seenKey struct {
	pos token.Pos
	msg string
}

// directiveOwner reports malformed directives that name no known analyzer.
const directiveOwner = "unclosed"

// New returns a Reporter for pass and reports the pass's malformed
// //leakvet:ignore directives that belong to its analyzer.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, dirs: directive.Parse(pass.Fset, pass.Files), seen: make(map[seenKey]bool)}
	name := pass.Analyzer.Name
	for _, d := range r.dirs.Malformed(name, name == directiveOwner) {
		pass.Report(analysis.Diagnostic{Pos: d.Pos, Message: name + ": " + d.Problem})
	}
	return r
}

// Report prefixes the message with the analyzer's name and reports d
// unless a directive silences it.
func (r *Reporter) Report(d analysis.Diagnostic) {
	name := r.pass.Analyzer.Name
	if r.dirs.Suppresses(name, d.Pos) {
		return
	}
	k := seenKey{d.Pos, d.Message}
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	d.Message = name + ": " + d.Message
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
