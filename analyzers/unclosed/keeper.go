package unclosed

import (
	"fmt"
	"go/ast"

	"github.com/leakvet/leakvet/internal/report"
)

// keeperSite is the wrapper that keeps an unnamed resource, as the
// source names it: p in `p, err := pagekit.FromResponse(c.Get(url))`.
type keeperSite struct {
	// name is the variable the wrapper is bound to; callee how the source
	// spells the wrapper constructor.
	name, callee string
	// release is the wrapper's release method ("Close").
	release string
	// checked: the wrapper's call also binds an error variable.
	checked bool
}

// keeper returns the wrapper that keeps the resource when the resource
// has no name of its own and the wrapper is bound to a variable; nil
// otherwise.
func (f *finding) keeper() *keeperSite {
	if f.Name != "" {
		return nil
	}
	k := f.A.KeptBy(f.res)
	if k == nil {
		return nil
	}
	call, path := report.CallAt(f.pass, k.Call.Pos())
	if call == nil || len(path) < 2 {
		return nil
	}
	assign, ok := path[1].(*ast.AssignStmt)
	if !ok || len(assign.Rhs) != 1 || k.Result >= len(assign.Lhs) {
		return nil
	}
	id, ok := assign.Lhs[k.Result].(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	checked := false
	if last, ok := assign.Lhs[len(assign.Lhs)-1].(*ast.Ident); ok && len(assign.Lhs) > 1 && last.Name != "_" {
		checked = true
	}
	return &keeperSite{name: id.Name, callee: report.Text(call.Fun), release: k.Release, checked: checked}
}

// hint is the one-line fix: release the wrapper.
func (k *keeperSite) hint(inLoop bool) string {
	release := fmt.Sprintf("%s.%s()", k.name, k.release)
	if inLoop {
		return fmt.Sprintf("call %s before the iteration ends, or move the loop body into a function that defers it", release)
	}
	where := "after the error check"
	if !k.checked {
		where = "after it"
	}
	return fmt.Sprintf("add defer %s %s", release, where)
}
