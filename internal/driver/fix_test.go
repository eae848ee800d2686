package driver

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"
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
	at := func(off int) token.Position {
		return token.Position{Filename: name, Offset: off, Line: 1, Column: off + 1}
	}
	insert := Fix{Edits: []Edit{{Filename: name, Start: 29, End: 29, NewText: "\n\ty := 2"}}}
	conflicting := Fix{Edits: []Edit{{Filename: name, Start: 24, End: 30, NewText: "z := 3"}}}
	findings := []Finding{
		{Pos: at(13), Message: "a", Fixes: []Fix{insert}},
		{Pos: at(13), Message: "a again", Fixes: []Fix{insert}},
		{Pos: at(13), Message: "b", Fixes: []Fix{conflicting}},
		{Pos: at(22), Message: "no fix"},
	}
	remaining := applyFixes(findings, func(string, ...any) {})
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
