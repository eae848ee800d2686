package report

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// Site is what the messages and fixes about one acquisition need from
// the syntax: the call, the variable it binds and the statement that
// binds it.
type Site struct {
	A    *lifecycle.Acquisition
	Call *ast.CallExpr // nil when the syntax was not found
	// Path runs from Call out to the file, as astutil.PathEnclosingInterval.
	Path []ast.Node
	// Name is how the source names the resource ("resp", "s.srv"), or "".
	// For a resource the call starts (cmd.Start) it is the receiver.
	Name string
	// Bound is the expression the result is assigned to (an identifier,
	// possibly _, or a field), or nil.
	Bound ast.Expr
	// ErrName is the variable holding the call's error, or "".
	ErrName string
	// Assign is the statement that binds Name, when it is an assignment
	// or a var declaration of the call alone.
	Assign ast.Stmt
	// Discarded: the result is not kept at all (or assigned to _).
	Discarded bool
}

// SiteOf finds a's call in the syntax and what binds its result.
func SiteOf(pass *analysis.Pass, a *lifecycle.Acquisition) *Site {
	s := &Site{A: a}
	s.Discarded = a.Value == nil || len(*a.Value.Referrers()) == 0
	s.Call, s.Path = CallAt(pass, a.Call.Pos())
	if s.Call == nil || len(s.Path) < 2 {
		return s
	}
	if a.Result == lifecycle.ReceiverResult {
		// cmd.Start(): the resource is the receiver.
		s.Discarded = false
		if sel, ok := ast.Unparen(s.Call.Fun).(*ast.SelectorExpr); ok {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				s.Name = id.Name
			}
		}
		return s
	}
	var lhs []ast.Expr
	switch st := s.Path[1].(type) {
	case *ast.AssignStmt:
		if len(st.Rhs) == 1 {
			lhs, s.Assign = st.Lhs, st
		}
	case *ast.ValueSpec:
		if len(st.Values) == 1 {
			for _, n := range st.Names {
				lhs = append(lhs, n)
			}
			if len(s.Path) > 3 {
				if ds, ok := s.Path[3].(*ast.DeclStmt); ok {
					s.Assign = ds
				}
			}
		}
	}
	if a.Result >= 0 && a.Result < len(lhs) {
		s.Bound = lhs[a.Result]
		if id, ok := lhs[a.Result].(*ast.Ident); !ok || id.Name != "_" {
			s.Name = Text(lhs[a.Result])
		}
	}
	if a.Err != nil && len(lhs) > 1 {
		if id, ok := lhs[len(lhs)-1].(*ast.Ident); ok && id.Name != "_" {
			s.ErrName = id.Name
		}
	}
	return s
}

// Subject names the obligation: "resp.Body", "rows", or, for a value
// bound to no variable, "the response body".
func (s *Site) Subject() string {
	return Subject(s.Name, s.A.Kind.Field, s.A.Kind.Noun)
}

// Callee is how the source spells the acquiring call: "http.Get".
func (s *Site) Callee() string {
	if s.Call != nil {
		return Text(s.Call.Fun)
	}
	return s.A.Callee.Name()
}
