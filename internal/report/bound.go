package report

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// BoundName names what the value of call is assigned to (`ch :=
// make(chan T)`: "ch"), declared as (`var ch = ...`) or keyed by in a
// composite literal (`{results: make(chan T)}`: "results"); "" when call
// is nil or its value is not bound to a name.
func BoundName(pass *analysis.Pass, call *ast.CallExpr) string {
	if call == nil {
		return ""
	}
	path := Path(pass, call.Pos())
	for i, n := range path {
		if n != call || i+1 >= len(path) {
			continue
		}
		switch s := path[i+1].(type) {
		case *ast.AssignStmt:
			for j, r := range s.Rhs {
				if r == call && j < len(s.Lhs) {
					return Text(s.Lhs[j])
				}
			}
		case *ast.ValueSpec:
			for j, r := range s.Values {
				if r == call && j < len(s.Names) {
					return s.Names[j].Name
				}
			}
		case *ast.KeyValueExpr:
			return Text(s.Key)
		}
	}
	return ""
}
