package report

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// ExitPos is where a message places an exit of a function: the
// instruction's own position (a return statement, a call), or, for one
// the source does not spell (the implicit return of a function that falls
// off its end), the function's closing brace. NoPos when exit is nil or
// neither is known.
func ExitPos(exit ssa.Instruction) token.Pos {
	if exit == nil {
		return token.NoPos
	}
	if exit.Pos().IsValid() {
		return exit.Pos()
	}
	switch syn := exit.Parent().Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return token.NoPos
}

// EndOfLine returns the position of the newline that ends pos's line, so
// that a fix inserting a line there lands after any trailing comment.
func EndOfLine(fset *token.FileSet, pos token.Pos) token.Pos {
	file := fset.File(pos)
	line := file.Line(pos)
	if line >= file.LineCount() {
		return token.Pos(file.Base() + file.Size())
	}
	return file.LineStart(line+1) - 1
}
