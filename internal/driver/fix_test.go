package driver

import (
	"os"
	"path/filepath"
	"testing"

	"go/token"

	"golang.org/x/tools/go/analysis"
)

// TestApplyFixes: each diagnostic's first fix is applied once, an
// identical fix seen through a test variant is applied once, a fix that
// overlaps one already taken is left and its diagnostic kept.
func TestApplyFixes(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	src := "package a\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(src))
	file.SetLinesForContent([]byte(src))
	at := func(off int) token.Pos { return file.Pos(off) }
	insert := analysis.SuggestedFix{TextEdits: []analysis.TextEdit{{Pos: at(29), End: at(29), NewText: []byte("\n\ty := 2")}}}
	conflicting := analysis.SuggestedFix{TextEdits: []analysis.TextEdit{{Pos: at(24), End: at(30), NewText: []byte("z := 3")}}}
	diags := []diagnostic{
		{Diagnostic: analysis.Diagnostic{Pos: at(13), Message: "a", SuggestedFixes: []analysis.SuggestedFix{insert}}, fset: fset},
		{Diagnostic: analysis.Diagnostic{Pos: at(13), Message: "a again", SuggestedFixes: []analysis.SuggestedFix{insert}}, fset: fset},
		{Diagnostic: analysis.Diagnostic{Pos: at(13), Message: "b", SuggestedFixes: []analysis.SuggestedFix{conflicting}}, fset: fset},
		{Diagnostic: analysis.Diagnostic{Pos: at(22), Message: "no fix"}, fset: fset},
	}
	remaining := applyFixes(diags, func(string, ...any) {})
	var msgs []string
	for _, d := range remaining {
		msgs = append(msgs, d.Message)
	}
	if len(msgs) != 2 || msgs[0] != "b" && msgs[1] != "b" {
		t.Errorf("remaining diagnostics = %q, want the conflicting fix and the one without a fix", msgs)
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	want := "package a\n\nfunc f() {\n\tx := 1\n\ty := 2\n\t_ = x\n}\n"
	if string(got) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
}
