package lsp

import (
	"context"
	"errors"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/leakvet/leakvet/internal/driver"
)

// changeText sends the buffer's whole new text, unsaved.
func (c *client) changeText(path, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": fileURI(path), "version": 2},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// findingAt is a fake finding on the given 1-based line of path, with a
// fix that deletes that line's first byte.
func findingAt(path string, line, offset int, message string) driver.Finding {
	return driver.Finding{
		Analyzer: "unclosed", Message: message,
		Pos:   token.Position{Filename: path, Offset: offset, Line: line, Column: 1},
		End:   token.Position{Filename: path, Offset: offset + 1, Line: line, Column: 2},
		Fixes: []driver.Fix{{Message: "delete a byte", Edits: []driver.Edit{{Filename: path, Start: offset, End: offset + 1}}}},
	}
}

// TestChangeAnalysesBuffer: after a pause in typing, the package is
// analysed for the changed file alone, fast only, with the unsaved text
// as an overlay; the findings are placed in that text, and their fixes,
// offsets into it, are offered while the buffer still holds it.
func TestChangeAnalysesBuffer(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte("package a\n"), 0o644)
	edited := "package a\n\n// typed\nvar x = 1\n"
	fake := &fakeAnalysis{run: func(ctx context.Context, call int, req driver.Request) (*driver.Result, error) {
		if call == 1 {
			return &driver.Result{}, nil
		}
		if got := string(req.Overlay[path]); got != edited {
			t.Errorf("overlay of a.go = %q, want the buffer %q", got, edited)
		}
		if !req.FastOnly || !slices.Equal(req.Files, []string{path}) || req.Units == nil {
			t.Errorf("change request FastOnly=%v Files=%q Units=%v, want fast only, for a.go, with the server's units", req.FastOnly, req.Files, req.Units)
		}
		return &driver.Result{Findings: []driver.Finding{findingAt(path, 4, len("package a\n\n// typed\n"), "in the buffer")}, Files: []string{path}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(path)
	c.diagnostics(path)
	c.changeText(path, edited)
	diags := c.diagnostics(path)
	if len(diags) != 1 || diags[0].Range != rng(3, 0, 3, 1) {
		t.Fatalf("diagnostics after a change = %+v, want one at line 4 of the buffer", diags)
	}
	actions := c.codeActions(path, rng(3, 0, 3, 0))
	fix := onlyAction(t, actions, "delete a byte")
	if got := applyEdits(t, edited, fix.Edit.Changes[fileURI(path)]); got != "package a\n\n// typed\nar x = 1\n" {
		t.Errorf("the fix applied to the buffer gives %q", got)
	}
	if disk, _ := os.ReadFile(path); string(disk) != "package a\n" {
		t.Errorf("a change wrote the file: %q", disk)
	}
	c.shutdown()
}

// TestBrokenBufferKeepsDiagnostics: a buffer that does not compile
// mid-edit, or a change the kept units cannot answer, leaves the last
// diagnostics as they were, without a message; the next save, which
// compiles, replaces them.
func TestBrokenBufferKeepsDiagnostics(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte("package a\n"), 0o644)
	changes := make(chan driver.Request, 2)
	fake := &fakeAnalysis{run: func(ctx context.Context, call int, req driver.Request) (*driver.Result, error) {
		switch call {
		case 1:
			return &driver.Result{Findings: []driver.Finding{finding(path, "saved")}}, nil
		case 2:
			changes <- req
			return &driver.Result{Errors: []string{path + ":2:1: syntax error: unexpected {"}, Files: []string{path}}, nil
		case 3:
			changes <- req
			return nil, driver.ErrNoFastPath
		}
		return &driver.Result{Findings: []driver.Finding{finding(path, "after the save")}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(path)
	if d := c.diagnostics(path); len(d) != 1 {
		t.Fatalf("first diagnostics = %+v", d)
	}
	c.changeText(path, "package a\n{\n")
	<-changes
	c.changeText(path, "package a\n\nimport \"new/dependency\"\n")
	<-changes
	c.save(path, "package a\n\nvar y = 2\n")
	if d := c.diagnostics(path); len(d) != 1 || d[0].Message != "after the save" {
		t.Errorf("diagnostics = %+v, want the save's: neither change published", d)
	}
	if got := c.since("window/showMessage"); len(got) != 0 {
		t.Errorf("messages for changes mid-edit: %v", got)
	}
	c.shutdown()
}

// TestChangeDoesNotCancelSave: typing while a save is analysed does not
// cancel that analysis; the change is analysed after it.
func TestChangeDoesNotCancelSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte("package a\n"), 0o644)
	started := make(chan struct{})
	release := make(chan struct{})
	fake := &fakeAnalysis{run: func(ctx context.Context, call int, req driver.Request) (*driver.Result, error) {
		switch call {
		case 1:
			return &driver.Result{}, nil
		case 2:
			close(started)
			<-release
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return &driver.Result{Findings: []driver.Finding{finding(path, "the save")}}, nil
		}
		return &driver.Result{Findings: []driver.Finding{finding(path, "the change")}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(path)
	c.diagnostics(path)
	c.save(path, "package a\n\n")
	<-started
	c.changeText(path, "package a\n\n// typing\n")
	time.Sleep(2 * changeDelay) // the change's pause is over and it is queued
	close(release)
	if d := c.diagnostics(path); len(d) != 1 || d[0].Message != "the save" {
		t.Errorf("diagnostics = %+v, want the save's, not cancelled", d)
	}
	if d := c.diagnostics(path); len(d) != 1 || d[0].Message != "the change" {
		t.Errorf("diagnostics = %+v, then the change's", d)
	}
	if n := len(fake.calls); n != 3 || !fake.calls[2].FastOnly || fake.calls[1].FastOnly {
		t.Errorf("%d analyses, want the open's, the save's and then the change's (fast only)", n)
	}
	c.shutdown()
}

// TestPartialResultKeepsOtherFiles: a result that analysed only some of
// the package's files (the units of the saved file) clears the findings
// of those files that are gone, and keeps those of the files it did not
// analyse.
func TestPartialResultKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.go"), filepath.Join(dir, "b_test.go")
	os.WriteFile(a, []byte("package a\n"), 0o644)
	os.WriteFile(b, []byte("package a_test\n"), 0o644)
	fake := &fakeAnalysis{run: func(ctx context.Context, call int, req driver.Request) (*driver.Result, error) {
		if call == 1 {
			return &driver.Result{Findings: []driver.Finding{finding(a, "in a"), finding(b, "in b")}}, nil
		}
		return &driver.Result{Files: []string{a}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(a)
	c.diagnostics(a)
	c.save(a, "package a\n\n")
	if d := c.diagnostics(a); len(d) != 0 {
		t.Errorf("a.go after its leak was fixed: %+v, want none", d)
	}
	c.open(b)
	if d := c.diagnostics(b); len(d) != 1 || d[0].Message != "in b" {
		t.Errorf("b_test.go, not analysed by the save: %+v, want its finding kept", d)
	}
	c.shutdown()
}

// TestChangeWithoutUnitsFallsBack: the real suite in a test binary has
// no vet tool, so no kept units: a change is not analysed (FastOnly),
// and the error it gets is ErrNoFastPath.
func TestChangeWithoutUnitsFallsBack(t *testing.T) {
	dir := fixture(t, "leaky")
	_, err := Suite(testSuite).Analyze(context.Background(), driver.Request{Dir: dir, Patterns: []string{"."}, Files: []string{filepath.Join(dir, "leaky.go")}, Units: driver.NewUnits(), FastOnly: true})
	if !errors.Is(err, driver.ErrNoFastPath) {
		t.Errorf("fast-only analysis without a vet tool: %v, want ErrNoFastPath", err)
	}
}
