package lsp

import (
	"context"
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/internal/driver"
	"github.com/leakvet/leakvet/internal/lsp/jsonrpc"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

// testSuite is the real suite: settings keys come from its flags.
var testSuite = analyzers.All()

// fixture copies testdata/NAME to a fresh directory and returns it.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("testdata", name)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// applyEdits applies protocol edits (UTF-16 positions) to text.
func applyEdits(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	c := newContent([]byte(text))
	type span struct {
		from, to int
		text     string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{c.offset(e.Range.Start, encodingUTF16), c.offset(e.Range.End, encodingUTF16), e.NewText})
	}
	slices.SortFunc(spans, func(a, b span) int { return b.from - a.from })
	for _, s := range spans {
		text = text[:s.from] + s.text + text[s.to:]
	}
	return text
}

// checkGolden compares got with testdata/golden/NAME.golden.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

// onlyAction returns the single action whose title has prefix.
func onlyAction(t *testing.T, actions []CodeAction, prefix string) CodeAction {
	t.Helper()
	var found []CodeAction
	for _, a := range actions {
		if strings.HasPrefix(a.Title, prefix) {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d actions titled %q..., want 1: %+v", len(found), prefix, actions)
	}
	return found[0]
}

// save writes text to path and tells the server.
func (c *client) save(path, text string) {
	c.t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": fileURI(path), "version": 2},
		"contentChanges": []any{map[string]any{"text": text}},
	})
	c.notify("textDocument/didSave", map[string]any{"textDocument": TextDocumentIdentifier{URI: fileURI(path)}})
}

func rng(l1, c1, l2, c2 int) Range {
	return Range{Start: Position{l1, c1}, End: Position{l2, c2}}
}

func TestLifecycle(t *testing.T) {
	c := newClient(t, Suite(testSuite))
	if resp := c.call("textDocument/codeAction", map[string]any{}); resp.Error == nil || resp.Error.Code != jsonrpc.CodeServerNotInitialized {
		t.Errorf("a request before initialize: error %v, want code %d", resp.Error, jsonrpc.CodeServerNotInitialized)
	}
	result := c.initialize(nil)
	caps, _ := result["capabilities"].(map[string]any)
	if caps["positionEncoding"] != encodingUTF16 || caps["codeActionProvider"] == nil || caps["textDocumentSync"] == nil {
		t.Errorf("capabilities = %v, want utf-16 positions, code actions and document sync", caps)
	}
	if resp := c.call("initialize", map[string]any{"capabilities": map[string]any{}}); resp.Error == nil {
		t.Error("a second initialize succeeded")
	}
	if resp := c.call("textDocument/hover", map[string]any{}); resp.Error == nil || resp.Error.Code != jsonrpc.CodeMethodNotFound {
		t.Errorf("an unsupported request: error %v, want method not found", resp.Error)
	}
	c.shutdown()
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newClient(t, Suite(testSuite))
	c.initialize(nil)
	c.notify("exit", nil)
	if err := <-c.done; ExitCode(err) != 1 {
		t.Errorf("exit before shutdown: Run returned %v, want an error (exit code 1)", err)
	}
}

func TestUTF8PositionsWhenOffered(t *testing.T) {
	c := newClient(t, Suite(testSuite))
	resp := c.call("initialize", map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16", "utf-8"}}}})
	if !strings.Contains(string(resp.Result), `"positionEncoding":"utf-8"`) {
		t.Errorf("a client offering utf-8 got %s", resp.Result)
	}
	c2 := newClient(t, Suite(testSuite))
	resp = c2.call("initialize", map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-32"}}}})
	if !strings.Contains(string(resp.Result), `"positionEncoding":"utf-16"`) {
		t.Errorf("a client offering only utf-32 got %s, want the default utf-16", resp.Result)
	}
}

// TestDiagnostics runs the real analysis on the fixture: open publishes
// both leaks with their ranges, codes and related information, the
// quick fix's edit matches its golden file, and saves publish fewer
// diagnostics, then none.
func TestDiagnostics(t *testing.T) {
	dir := fixture(t, "leaky")
	path := filepath.Join(dir, "leaky.go")
	c := newClient(t, Suite(testSuite))
	c.initialize(nil)
	c.open(path)

	// The first analysis reports progress, after the client created it.
	c.waitFor("progress creation", func(m *jsonrpc.Message) bool { return m.Method == "window/workDoneProgress/create" })
	c.waitFor("progress begin", func(m *jsonrpc.Message) bool {
		return m.Method == "$/progress" && strings.Contains(string(m.Params), `"kind":"begin"`)
	})
	c.waitFor("progress end", func(m *jsonrpc.Message) bool {
		return m.Method == "$/progress" && strings.Contains(string(m.Params), `"kind":"end"`)
	})
	diags := c.diagnostics(path)
	if len(diags) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %+v", len(diags), diags)
	}
	body, loop := diags[0], diags[1]
	for _, d := range diags {
		if d.Severity != severityWarning || d.Source != "leakvet" || d.Code != "unclosed" || d.CodeDescription == nil || d.CodeDescription.Href != DocURL+"unclosed" {
			t.Errorf("diagnostic %+v: want a warning from leakvet, code unclosed, linked to its documentation", d)
		}
		if strings.HasPrefix(d.Message, "unclosed:") {
			t.Errorf("message %q repeats the analyzer the code names", d.Message)
		}
	}
	// resp, err := http.Get(url): the range is the call.
	if body.Range != rng(11, 14, 11, 27) {
		t.Errorf("http.Get range = %+v, want line 12, columns 15-27 (the call)", body.Range)
	}
	if len(body.RelatedInformation) != 1 || body.RelatedInformation[0].Location.Range != rng(15, 1, 15, 28) ||
		body.RelatedInformation[0].Location.URI != fileURI(path) || !strings.Contains(body.RelatedInformation[0].Message, "leaks here") {
		t.Errorf("related information = %+v, want the return statement at line 16 where the body leaks", body.RelatedInformation)
	}
	// defer f.Close() has no end in the finding: the server computes
	// the statement's range.
	if loop.Range != rng(26, 2, 26, 17) {
		t.Errorf("defer-in-loop range = %+v, want line 27, columns 3-17 (the defer statement)", loop.Range)
	}
	if len(loop.RelatedInformation) != 1 || loop.RelatedInformation[0].Location.Range != rng(22, 12, 22, 22) {
		t.Errorf("defer-in-loop related = %+v, want the os.Open call at line 23", loop.RelatedInformation)
	}

	// The quick fix on the http.Get line inserts the defer.
	actions := c.codeActions(path, rng(11, 0, 11, 0))
	fix := onlyAction(t, actions, "Insert `defer func() { _ = resp.Body.Close() }()`")
	if fix.Kind != "quickfix" || !fix.IsPreferred || len(fix.Diagnostics) != 1 || fix.Diagnostics[0].Range != body.Range {
		t.Errorf("fix action %+v: want a preferred quickfix for the http.Get diagnostic", fix)
	}
	onlyAction(t, actions, "Ignore this unclosed report here")
	data, _ := os.ReadFile(path)
	if len(fix.Edit.Changes) != 1 {
		t.Fatalf("fix edits %d files, want 1", len(fix.Edit.Changes))
	}
	fixed := applyEdits(t, string(data), fix.Edit.Changes[fileURI(path)])
	checkGolden(t, "fix", fixed)
	// The defer in the loop has no fix, only the ignore action.
	if actions := c.codeActions(path, rng(26, 4, 26, 4)); len(actions) != 1 || !strings.HasPrefix(actions[0].Title, "Ignore") {
		t.Errorf("actions on the defer line = %+v, want only the ignore action", actions)
	}
	// No actions on a line with no finding.
	if actions := c.codeActions(path, rng(5, 0, 5, 0)); len(actions) != 0 {
		t.Errorf("actions on a line without findings: %+v", actions)
	}

	c.save(path, fixed)
	if diags := c.diagnostics(path); len(diags) != 1 || diags[0].Range.Start.Line != 27 {
		t.Fatalf("after the fix, diagnostics = %+v, want the defer in the loop only (now line 28)", diags)
	}
	noLoopDefer := strings.Replace(fixed, "\t\tdefer f.Close()\n\t\tst, err := f.Stat()\n", "\t\tst, err := f.Stat()\n\t\tf.Close()\n", 1)
	if noLoopDefer == fixed {
		t.Fatal("the fixture changed: cannot remove the defer in the loop")
	}
	c.save(path, noLoopDefer)
	if diags := c.diagnostics(path); len(diags) != 0 {
		t.Errorf("after both fixes, diagnostics = %+v, want them cleared", diags)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": TextDocumentIdentifier{URI: fileURI(path)}})
	c.shutdown()
}

// TestUnsavedEditsWithholdFixes: a change does not analyse (the disk is
// what the go command sees), and while the buffer differs from the file
// analysed its fixes are withheld: their offsets would be wrong.
func TestUnsavedEditsWithholdFixes(t *testing.T) {
	dir := fixture(t, "leaky")
	path := filepath.Join(dir, "leaky.go")
	c := newClient(t, Suite(testSuite))
	c.initialize(nil)
	c.open(path)
	c.diagnostics(path)
	data, _ := os.ReadFile(path)
	change := func(text string) {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": fileURI(path), "version": 2},
			"contentChanges": []any{map[string]any{"text": text}},
		})
	}
	change("// an edit\n" + string(data))
	if actions := c.codeActions(path, rng(11, 0, 12, 0)); len(actions) != 0 {
		t.Errorf("actions on an edited buffer: %+v, want none until it is saved", actions)
	}
	if got := c.since("textDocument/publishDiagnostics"); len(got) != 0 {
		t.Errorf("a change published diagnostics: %v", got)
	}
	change(string(data)) // undone: the buffer matches the file again
	if actions := c.codeActions(path, rng(11, 0, 11, 0)); len(actions) != 2 {
		t.Errorf("actions once the edit is undone: %+v, want the fix and the ignore action", actions)
	}
	c.shutdown()
}

// TestIgnoreAction: the ignore action inserts a directive with the
// placeholder reason; saved as it is, the placeholder is reported and
// the leak stays; with a reason written, both go away.
func TestIgnoreAction(t *testing.T) {
	dir := fixture(t, "leaky")
	path := filepath.Join(dir, "leaky.go")
	c := newClient(t, Suite(testSuite))
	c.initialize(nil)
	c.open(path)
	c.diagnostics(path)
	ignore := onlyAction(t, c.codeActions(path, rng(26, 0, 26, 0)), "Ignore this unclosed report here")
	data, _ := os.ReadFile(path)
	ignored := applyEdits(t, string(data), ignore.Edit.Changes[fileURI(path)])
	checkGolden(t, "ignore", ignored)

	c.save(path, ignored)
	diags := c.diagnostics(path)
	var placeholder, loop bool
	for _, d := range diags {
		placeholder = placeholder || strings.Contains(d.Message, "placeholder") && d.Range.Start.Line == 26
		loop = loop || strings.Contains(d.Message, "inside a loop")
	}
	if !placeholder || !loop {
		t.Errorf("with the placeholder reason, diagnostics = %+v, want the placeholder reported at line 27 and the leak kept", diags)
	}
	reasoned := strings.Replace(ignored, "<why this is not a leak>", "callers pass at most three paths", 1)
	c.save(path, reasoned)
	diags = c.diagnostics(path)
	if len(diags) != 1 || diags[0].Range.Start.Line != 11 {
		t.Errorf("with a reason, diagnostics = %+v, want only the http.Get leak", diags)
	}
	c.shutdown()
}

// fakeAnalysis lets a test decide what each analysis returns and when.
type fakeAnalysis struct {
	mu    sync.Mutex
	calls []driver.Request
	run   func(ctx context.Context, call int, req driver.Request) (*driver.Result, error)
}

func (f *fakeAnalysis) Analyze(ctx context.Context, req driver.Request) (*driver.Result, error) {
	f.mu.Lock()
	f.calls = append(f.calls, req)
	n := len(f.calls)
	f.mu.Unlock()
	return f.run(ctx, n, req)
}

// finding is a fake finding at line 1 of path.
func finding(path, message string) driver.Finding {
	return driver.Finding{Analyzer: "unclosed", Message: message, Pos: token.Position{Filename: path, Offset: 0, Line: 1, Column: 1}}
}

// TestNewerSaveCancelsOlder: a save while the previous analysis of the
// package runs cancels it, and what the cancelled one returns anyway is
// never published.
func TestNewerSaveCancelsOlder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte("package a\n"), 0o644)
	started := make(chan struct{})
	cancelled := make(chan struct{})
	fake := &fakeAnalysis{run: func(ctx context.Context, call int, req driver.Request) (*driver.Result, error) {
		if call == 1 {
			close(started)
			<-ctx.Done() // a slow analysis, until the newer save cancels it
			close(cancelled)
			return &driver.Result{Findings: []driver.Finding{finding(path, "stale")}}, nil
		}
		return &driver.Result{Findings: []driver.Finding{finding(path, "fresh")}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(path)
	<-started
	c.save(path, "package a\n\n")
	select {
	case <-cancelled:
	case <-c.done:
		t.Fatal("the server stopped")
	}
	diags := c.diagnostics(path)
	if len(diags) != 1 || diags[0].Message != "fresh" {
		t.Errorf("diagnostics = %+v, want only the newer analysis's", diags)
	}
	if len(fake.calls) != 2 {
		t.Errorf("%d analyses, want 2", len(fake.calls))
	}
	c.shutdown()
}

// TestSettings: known keys become the command line's flags; unknown keys
// and wrong types are window/showMessage errors, in initializationOptions
// and in workspace/didChangeConfiguration alike.
func TestSettings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte("package a\n"), 0o644)
	fake := &fakeAnalysis{run: func(context.Context, int, driver.Request) (*driver.Result, error) { return &driver.Result{}, nil }}
	c := newClient(t, fake)
	c.initialize(map[string]any{
		"disable":             []string{"gocancel"},
		"unclosed":            map[string]any{"types": []string{"example.com/a.Conn:Close=example.com/a.Dial"}},
		"clientreuse.entries": "example.com/web.HandlerFunc",
		"tags":                "integration",
		"baseline":            "leakvet-baseline.txt",
		"unclosed.typez":      "x",
	})
	if m := c.message(); m.Type != messageError || !strings.Contains(m.Message, `unknown key "unclosed.typez"`) || !strings.Contains(m.Message, "unclosed.types") {
		t.Errorf("message = %+v, want an error naming the unknown key and the known ones", m)
	}
	c.open(path)
	c.diagnostics(path)
	want := []string{
		"-baseline=leakvet-baseline.txt",
		"-clientreuse.entries=example.com/web.HandlerFunc",
		"-gocancel=false",
		"-tags=integration",
		"-unclosed.types=example.com/a.Conn:Close=example.com/a.Dial",
	}
	if got := fake.calls[0].Args; !slices.Equal(got, want) {
		t.Errorf("args = %q, want %q", got, want)
	}
	if got := fake.calls[0]; got.Dir != dir || !slices.Equal(got.Patterns, []string{"."}) {
		t.Errorf("request = %+v, want the file's package", got)
	}

	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"leakvet": map[string]any{
		"disable": "unclosed", "clientreuse": map[string]any{"nosuch": true},
	}}})
	var messages []string
	for range 2 {
		if m := c.message(); m.Type == messageError {
			messages = append(messages, m.Message)
		}
	}
	for _, want := range []string{`"disable" wants a list`, `unknown key "clientreuse.nosuch"`} {
		if !slices.ContainsFunc(messages, func(m string) bool { return strings.Contains(m, want) }) {
			t.Errorf("error messages = %q, want one containing %s", messages, want)
		}
	}
	c.diagnostics(path) // the change re-analyses open packages
	if got := fake.calls[1].Args; len(got) != 0 {
		t.Errorf("args after bad settings = %q, want none", got)
	}
	c.shutdown()
}

// TestOutsideModule: a file in no module is a clear message, not a crash.
func TestOutsideModule(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	os.WriteFile(path, []byte("package a\n"), 0o644)
	c := newClient(t, Suite(testSuite))
	c.initialize(nil)
	c.open(path)
	if m := c.message(); m.Type != messageError || !strings.Contains(m.Message, "go.mod") || !strings.Contains(m.Message, dir) {
		t.Errorf("message = %+v, want an error about the missing go.mod naming the directory", m)
	}
	if diags := c.diagnostics(path); len(diags) != 0 {
		t.Errorf("diagnostics = %+v, want none", diags)
	}
	c.shutdown()
}

// TestBrokenPackage: a package that does not compile is a message; once
// repaired, its leak is published.
func TestBrokenPackage(t *testing.T) {
	dir := fixture(t, "leaky")
	path := filepath.Join(dir, "leaky.go")
	data, _ := os.ReadFile(path)
	broken := strings.Replace(string(data), "return resp.StatusCode, nil", "return resp.StatusCode, nil, {", 1)
	os.WriteFile(path, []byte(broken), 0o644)
	c := newClient(t, Suite(testSuite))
	c.initialize(nil)
	c.open(path)
	if m := c.message(); m.Type != messageWarning || !strings.Contains(m.Message, "leaky.go:16") {
		t.Errorf("message = %+v, want a warning locating the syntax error", m)
	}
	if diags := c.diagnostics(path); len(diags) != 0 {
		t.Errorf("diagnostics of a package that does not compile = %+v, want none", diags)
	}
	c.save(path, string(data))
	if diags := c.diagnostics(path); len(diags) != 2 {
		t.Errorf("diagnostics once repaired = %+v, want 2", diags)
	}
	c.shutdown()
}

func TestMalformedMessage(t *testing.T) {
	c := newClient(t, Suite(testSuite))
	body := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":[1,2`
	fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body)
	// The malformed body is a parse error response; the server goes on.
	c.waitFor("parse error", func(m *jsonrpc.Message) bool { return m.Error != nil })
	c.initialize(nil)
	c.shutdown()
}

// TestOpenDuringAnalysisDoesNotCancel: opening another file of a package
// under analysis changes nothing on disk, so the analysis goes on and
// publishes for both files; the twin of TestNewerSaveCancelsOlder.
func TestOpenDuringAnalysisDoesNotCancel(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.go"), filepath.Join(dir, "b.go")
	os.WriteFile(a, []byte("package a\n"), 0o644)
	os.WriteFile(b, []byte("package a\n"), 0o644)
	started, release := make(chan struct{}), make(chan struct{})
	fake := &fakeAnalysis{run: func(ctx context.Context, call int, req driver.Request) (*driver.Result, error) {
		if call == 1 {
			close(started)
			<-release
		}
		if ctx.Err() != nil {
			t.Errorf("analysis %d was cancelled", call)
		}
		return &driver.Result{Findings: []driver.Finding{finding(a, "in a")}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(a)
	<-started
	c.open(b)
	c.codeActions(b, rng(0, 0, 0, 0)) // a round trip: the open was handled
	close(release)
	if diags := c.diagnostics(a); len(diags) != 1 {
		t.Errorf("diagnostics of a.go = %+v, want 1", diags)
	}
	if diags := c.diagnostics(b); len(diags) != 0 {
		t.Errorf("diagnostics of b.go = %+v, want an empty list", diags)
	}
	c.open(a) // already analysed: republished, not analysed again
	c.diagnostics(a)
	if n := len(fake.calls); n != 1 {
		t.Errorf("%d analyses, want 1", n)
	}
	c.shutdown()
}

// TestVetStylePositions: findings decoded from go vet's output carry a
// line and column but no offset; their ranges, related positions and
// ignore action land where a finding with offsets would.
func TestVetStylePositions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.go")
	src := "package a\n\nfunc f() {\n\tdefer g()\n}\n"
	os.WriteFile(path, []byte(src), 0o644)
	fake := &fakeAnalysis{run: func(context.Context, int, driver.Request) (*driver.Result, error) {
		return &driver.Result{Findings: []driver.Finding{{
			Analyzer: "unclosed", Message: "unclosed: in a loop",
			Pos:     token.Position{Filename: path, Line: 4, Column: 2},
			Related: []driver.Related{{Pos: token.Position{Filename: path, Line: 3, Column: 6}, Message: "here"}},
		}}}, nil
	}}
	c := newClient(t, fake)
	c.initialize(nil)
	c.open(path)
	diags := c.diagnostics(path)
	if len(diags) != 1 || diags[0].Range != rng(3, 1, 3, 10) || diags[0].Message != "in a loop" {
		t.Fatalf("diagnostics = %+v, want the defer statement at 3:1-3:10", diags)
	}
	if rel := diags[0].RelatedInformation; len(rel) != 1 || rel[0].Location.Range != rng(2, 5, 2, 6) {
		t.Errorf("related = %+v, want the name f at 2:5-2:6", rel)
	}
	ignore := onlyAction(t, c.codeActions(path, rng(3, 0, 3, 0)), "Ignore")
	if got := applyEdits(t, src, ignore.Edit.Changes[fileURI(path)]); !strings.Contains(got, "{\n\t//leakvet:ignore unclosed <why this is not a leak>\n\tdefer g()") {
		t.Errorf("ignore action gives\n%s", got)
	}
	c.shutdown()
}
