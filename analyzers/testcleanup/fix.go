package testcleanup

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// releaseFunc returns the text of a func() that releases the resource
// named by s, and whether it is a method value (srv.Close) rather than a
// function literal.
func (c *checker) releaseFunc(s *site) (string, bool) {
	k := s.A.Kind
	switch {
	case s.Name == "":
		return "", false
	case s.A.Result == lifecycle.ReceiverResult && k.Releases("Wait"):
		return "func() { _ = " + s.Name + ".Process.Kill(); _ = " + s.Name + ".Wait() }", false
	case len(k.Release) == 0 && len(k.ReleaseFuncs) > 0:
		pkg := c.pkgName(s, k.ReleaseFuncs[0].Pkg)
		if pkg == "" {
			return "", false
		}
		call := pkg + "." + k.ReleaseFuncs[0].Name + "(" + s.Name + ")"
		return "func() { " + report.CheckedStmt(c.importedFunc(k.ReleaseFuncs[0]), call) + " }", false
	}
	m := k.FixMethod()
	subject := s.Subject()
	if s.A.Value != nil && k.Field == "" && niladic(s.A.Value.Type(), m) {
		return subject + "." + m, true
	}
	call := subject + "." + m + "()"
	if s.A.Value != nil {
		call = report.ReleaseStmt(s.A.Value.Type(), k.Field, m, call)
	}
	return "func() { " + call + " }", false
}

// importedFunc returns the signature of fn, a package-level function of
// a package the pass's package imports, or nil.
func (c *checker) importedFunc(fn lifecycle.FuncKey) *types.Signature {
	for _, p := range c.pass.Pkg.Imports() {
		if p.Path() == fn.Pkg {
			if f, ok := p.Scope().Lookup(fn.Name).(*types.Func); ok {
				return f.Signature()
			}
		}
	}
	return nil
}

// cleanupText is the registration a message suggests:
// "t.Cleanup(srv.Close)", or "" when fn has no t in scope.
func (c *checker) cleanupText(s *site) string {
	pos := s.A.Call.Pos()
	if s.Assign != nil {
		pos = s.Assign.End()
	}
	tname := c.testingName(s.A.Fn, pos)
	fn, _ := c.releaseFunc(s)
	if tname == "" || fn == "" {
		return ""
	}
	return tname + ".Cleanup(" + fn + ")"
}

// niladic reports whether method m of t takes and returns nothing, so
// that the method value itself can be registered.
func niladic(t types.Type, m string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m)
	f, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := f.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 0
}

// pkgName returns the name under which the file of s imports path, or
// "" when it does not.
func (c *checker) pkgName(s *site, path string) string {
	file := c.fileOf(s.A.Call.Pos())
	if file == nil {
		return ""
	}
	for _, imp := range file.Imports {
		if strings.Trim(imp.Path.Value, `"`) != path {
			continue
		}
		if imp.Name != nil {
			if imp.Name.Name == "_" || imp.Name.Name == "." {
				return ""
			}
			return imp.Name.Name
		}
		if obj, ok := c.pass.TypesInfo.Implicits[imp].(*types.PkgName); ok {
			return obj.Name()
		}
	}
	return ""
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// cleanupFix inserts `t.Cleanup(...)` right after the statement that
// creates the resource (after its error check when it has one), and
// deletes later deferred releases of the same resource that it replaces.
// It is offered only when the edit is mechanical: the resource is bound
// to a plain variable, is not handed on, is not created in a
// loop, and a *testing.T is in scope.
func (c *checker) cleanupFix(s *site) (analysis.SuggestedFix, bool) {
	a := s.A
	text := c.cleanupText(s)
	if text == "" || s.Assign == nil || handedOn(a) || c.res.InLoop(a.Call) {
		return analysis.SuggestedFix{}, false
	}
	idx := indexStmt(s.list, s.Assign)
	if idx < 0 {
		return analysis.SuggestedFix{}, false
	}
	var after ast.Node = s.Assign
	if _, isIf := s.Assign.(*ast.IfStmt); !isIf && a.Err != nil && s.ErrName != "" {
		if idx+1 >= len(s.list) || !isErrCheck(s.list[idx+1], s.ErrName) {
			return analysis.SuggestedFix{}, false
		}
		after = s.list[idx+1]
	}
	col := c.pass.Fset.Position(s.Assign.Pos()).Column
	at := report.EndOfLine(c.pass.Fset, after.End())
	edits := []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + strings.Repeat("\t", col-1) + text)}}
	edits = append(edits, c.replacedReleases(s, text)...)
	return analysis.SuggestedFix{
		Message:   "Register `" + text + "` right after creating " + s.Subject(),
		TextEdits: edits,
	}, true
}

// replacedReleases deletes the deferred releases of s's resource in its
// function that the inserted t.Cleanup replaces: `defer srv.Close()` or
// the same t.Cleanup registered later.
func (c *checker) replacedReleases(s *site, cleanup string) []analysis.TextEdit {
	var out []analysis.TextEdit
	m := s.A.Kind.FixMethod()
	for _, ev := range s.A.Events {
		if ev.Kind != lifecycle.DeferRelease || !ev.Direct || ev.Instr.Parent() != s.A.Fn {
			continue
		}
		stmt := c.stmtOf(ev.Instr)
		if stmt == nil {
			continue
		}
		var ok bool
		switch st := stmt.(type) {
		case *ast.DeferStmt:
			ok = m != "" && report.Text(st.Call) == s.Subject()+"."+m+"()"
		case *ast.ExprStmt:
			ok = report.Text(st.X) == cleanup
		}
		if ok {
			if e, ok := deleteLine(c.pass.Fset, stmt); ok {
				out = append(out, e)
			}
		}
	}
	return out
}

// stmtOf returns the defer or expression statement of a deferred call or
// a t.Cleanup call.
func (c *checker) stmtOf(instr ssa.Instruction) ast.Stmt {
	var pos token.Pos
	switch x := instr.(type) {
	case *ssa.Defer:
		pos = x.Pos()
	case ssa.CallInstruction:
		pos = x.Pos()
	default:
		return nil
	}
	for _, n := range report.Path(c.pass, pos) {
		switch st := n.(type) {
		case *ast.DeferStmt:
			return st
		case *ast.ExprStmt:
			return st
		case *ast.BlockStmt, *ast.FuncLit:
			return nil
		}
	}
	return nil
}

// deleteLine deletes the lines of stmt with their newline. gofmt puts
// every statement of a block on lines of its own.
func deleteLine(fset *token.FileSet, stmt ast.Node) (analysis.TextEdit, bool) {
	file := fset.File(stmt.Pos())
	start := file.LineStart(file.Line(stmt.Pos()))
	end := report.EndOfLine(fset, stmt.End())
	if int(end) >= file.Base()+file.Size() {
		return analysis.TextEdit{Pos: start, End: end}, true
	}
	return analysis.TextEdit{Pos: start, End: end + 1}, true
}

func indexStmt(list []ast.Stmt, s ast.Stmt) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// isErrCheck reports whether s checks err: `if err != nil { ... }`, or a
// call statement that takes it (require.NoError(t, err), check(t, err)).
func isErrCheck(s ast.Stmt, err string) bool {
	switch s := s.(type) {
	case *ast.IfStmt:
		return report.IsNotNilCheck(s, err)
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		for _, arg := range call.Args {
			if id, ok := arg.(*ast.Ident); ok && id.Name == err {
				return true
			}
		}
	}
	return false
}

// handedOn reports whether the resource, or a container holding it,
// leaves the function: then someone else may release it and a cleanup of
// our own could release it twice or too early; so may a callee the
// engine cannot see (ev.Unproven). Local containers (the argument list of
// t.Log) do not count.
func handedOn(a *lifecycle.Acquisition) bool {
	for _, ev := range a.Events {
		if ev.Kind == lifecycle.Transfer || ev.Kind == lifecycle.Return || ev.Unproven {
			return true
		}
	}
	return false
}
