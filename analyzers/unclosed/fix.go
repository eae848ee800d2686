package unclosed

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// fix inserts `defer <release>` right after the error check that follows
// the acquiring statement (or right after the statement when the call has
// no error). It is offered only when the edit is mechanical: the resource
// is bound to a plain variable, never leaves the function, is not acquired
// in a loop, and its error is checked by the very next statement.
func (f *finding) fix() (analysis.SuggestedFix, bool) {
	a := f.a
	if a.Value == nil || f.assign == nil || !token.IsIdentifier(f.name) || a.Escapes() || f.res.InLoop(a.Call) {
		return analysis.SuggestedFix{}, false
	}
	list := f.enclosingList()
	idx := -1
	for i, s := range list {
		if s == f.assign {
			idx = i
		}
	}
	if idx < 0 {
		return analysis.SuggestedFix{}, false
	}
	var after ast.Node = f.assign
	if a.Err != nil {
		if f.errName == "" || idx+1 >= len(list) || !isErrCheck(list[idx+1], f.errName) {
			return analysis.SuggestedFix{}, false
		}
		after = list[idx+1]
	}
	col := f.pass.Fset.Position(f.assign.Pos()).Column
	text := "\n" + strings.Repeat("\t", col-1) + "defer " + f.release()
	at := endOfLine(f.pass.Fset, after.End())
	return analysis.SuggestedFix{
		Message:   "Insert `defer " + f.release() + "`",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}, true
}

// endOfLine returns the position of the newline ending pos's line, so an
// insertion lands after any trailing comment.
func endOfLine(fset *token.FileSet, pos token.Pos) token.Pos {
	file := fset.File(pos)
	line := file.Line(pos)
	if line >= file.LineCount() {
		return token.Pos(file.Base() + file.Size())
	}
	return file.LineStart(line+1) - 1
}

// enclosingList returns the statement list that holds the acquiring
// statement.
func (f *finding) enclosingList() []ast.Stmt {
	for i, n := range f.path {
		if n != f.assign || i+1 >= len(f.path) {
			continue
		}
		switch p := f.path[i+1].(type) {
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

// isErrCheck reports whether s is `if err != nil { ... }` for err.
func isErrCheck(s ast.Stmt, err string) bool {
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
	return ok1 && ok2 && x.Name == err && y.Name == "nil"
}
