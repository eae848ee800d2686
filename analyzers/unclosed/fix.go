package unclosed

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// fix inserts `defer <release>` right after the error check that follows
// the acquiring statement (or right after the statement when the call has
// no error). It is offered only when the edit is mechanical: the resource
// is bound to a plain variable, never leaves the function, is not acquired
// in a loop, and its error is checked by the very next statement.
func (f *finding) fix() (analysis.SuggestedFix, bool) {
	a := f.A
	if a.Value == nil || f.Assign == nil || !token.IsIdentifier(f.Name) || a.Escapes() || f.res.InLoop(a.Call) {
		return analysis.SuggestedFix{}, false
	}
	list := f.enclosingList()
	idx := -1
	for i, s := range list {
		if s == f.Assign {
			idx = i
		}
	}
	if idx < 0 {
		return analysis.SuggestedFix{}, false
	}
	var after ast.Node = f.Assign
	if a.Err != nil {
		if f.ErrName == "" || idx+1 >= len(list) || !report.IsNotNilCheck(list[idx+1], f.ErrName) {
			return analysis.SuggestedFix{}, false
		}
		after = list[idx+1]
	}
	// A defer of the same release further down (after an early return)
	// moves up rather than being written twice.
	moved, ok := f.laterDefers()
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	col := f.pass.Fset.Position(f.Assign.Pos()).Column
	deferred := f.deferText()
	text := "\n" + strings.Repeat("\t", col-1) + deferred
	at := report.EndOfLine(f.pass.Fset, after.End())
	edits := append([]analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}}, moved...)
	msg := "Insert `" + deferred + "` after the error check"
	if len(moved) > 0 {
		msg = "Move `defer " + f.release() + "` up to the error check, as `" + deferred + "`"
	}
	return analysis.SuggestedFix{Message: msg, TextEdits: edits}, true
}

// deferText is the defer statement the fix inserts: `defer tx.Rollback()`
// written so that errcheck accepts it, `defer func() { _ = tx.Rollback() }()`,
// when the release returns an error.
func (f *finding) deferText() string {
	call := f.release()
	stmt := report.ReleaseStmt(f.A.Value.Type(), f.A.Kind.Field, f.A.Kind.FixMethod(), call)
	if stmt == call {
		return "defer " + call
	}
	return "defer func() { " + stmt + " }()"
}

// laterDefers returns edits deleting the deferred releases the function
// already has (`defer resp.Body.Close()` after a status check), and false
// when one of them cannot be deleted cleanly (it shares its line).
func (f *finding) laterDefers() ([]analysis.TextEdit, bool) {
	var edits []analysis.TextEdit
	for _, ev := range f.A.Events {
		d, ok := ev.Instr.(*ssa.Defer)
		if !ok || ev.Kind != lifecycle.DeferRelease || !ev.Direct {
			continue
		}
		path := report.Path(f.pass, d.Pos())
		if len(path) < 2 {
			return nil, false
		}
		ds, ok := path[0].(*ast.DeferStmt)
		if !ok || report.Text(ds.Call) != f.release() || !ownLine(f.pass.Fset, ds, path[1]) {
			return nil, false
		}
		file := f.pass.Fset.File(ds.Pos())
		line := file.Line(ds.Pos())
		edits = append(edits, analysis.TextEdit{Pos: file.LineStart(line), End: file.LineStart(line + 1)})
	}
	return edits, true
}

// ownLine reports whether stmt is alone on its line within its block.
func ownLine(fset *token.FileSet, stmt ast.Stmt, parent ast.Node) bool {
	var list []ast.Stmt
	switch p := parent.(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return false
	}
	line := fset.Position(stmt.Pos()).Line
	if fset.Position(stmt.End()).Line != line || line >= fset.File(stmt.Pos()).LineCount() {
		return false
	}
	for i, s := range list {
		if s != stmt {
			continue
		}
		if i > 0 && fset.Position(list[i-1].End()).Line == line {
			return false
		}
		if i+1 < len(list) && fset.Position(list[i+1].Pos()).Line == line {
			return false
		}
		return true
	}
	return false
}

// enclosingList returns the statement list that holds the acquiring
// statement.
func (f *finding) enclosingList() []ast.Stmt {
	for i, n := range f.Path {
		if n != f.Assign || i+1 >= len(f.Path) {
			continue
		}
		switch p := f.Path[i+1].(type) {
		case *ast.BlockStmt:
			return p.List
		case *ast.CaseClause:
			return p.Body
		case *ast.CommClause:
			return p.Body
		}
	}
	return nil
}
