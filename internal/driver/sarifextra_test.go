package driver

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// sarifResultOf runs -sarif on the fixture module in dir and returns the
// run and its first result.
func sarifRunOf(t *testing.T, dir string) map[string]any {
	t.Helper()
	log := validateSARIF(t, runSARIF(t, dir))
	return log["runs"].([]any)[0].(map[string]any)
}

// Rules have a name of their own and Markdown help; results have a
// fingerprint that survives edits which only move lines, and changes with
// what the finding says.
func TestSARIFRulesAndFingerprints(t *testing.T) {
	mod := t.TempDir()
	writeModule(t, mod)
	run := sarifRunOf(t, mod)
	rule := path(run, "tool", "driver").(map[string]any)["rules"].([]any)[0].(map[string]any)
	if rule["id"] != "fake" || rule["name"] != "Fake" {
		t.Errorf("rule id %v, name %v; want fake and Fake", rule["id"], rule["name"])
	}
	md, _ := path(rule, "help", "markdown").(string)
	if !strings.Contains(md, "The whole documentation of fake") || !strings.Contains(md, "[Documentation](https://example.com/fake)") {
		t.Errorf("help.markdown = %q", md)
	}
	fingerprint := func(run map[string]any) string {
		res := run["results"].([]any)[0]
		fp, _ := path(res, "partialFingerprints", fingerprintKey).(string)
		return fp
	}
	before := fingerprint(run)
	if len(before) != keyLen {
		t.Fatalf("partialFingerprints[%s] = %q, want a %d-digit key", fingerprintKey, before, keyLen)
	}

	file := filepath.Join(mod, "sub", "a b.go")
	edit := func(old, new string) {
		t.Helper()
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("func leak() {}\n", "func leak() {}\n\n// Lines above F move it down.\nvar _ = 1\n")
	if after := fingerprint(sarifRunOf(t, mod)); after != before {
		t.Errorf("fingerprint after lines moved = %s, want %s", after, before)
	}
	edit("func F() {", "func G() {")
	if renamed := fingerprint(sarifRunOf(t, mod)); renamed != before {
		t.Errorf("fingerprint changed with the related information only: %s, want %s", renamed, before)
	}
}

// A package that does not build is named in the invocation's
// toolExecutionNotifications, and the invocation did not succeed; the
// others are still reported.
func TestSARIFNamesPackagesThatFailed(t *testing.T) {
	mod := t.TempDir()
	writeModule(t, mod)
	if err := os.MkdirAll(filepath.Join(mod, "bad"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "bad", "bad.go"), []byte("package bad\n\nvar X int = \"s\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(mod)
	var stdout, stderr bytes.Buffer
	if code := Main("leakvet", []*analysis.Analyzer{fake, other}, []string{"-sarif", "./..."}, &stdout, &stderr); code != ExitError {
		t.Fatalf("exit %d, want %d", code, ExitError)
	}
	log := validateSARIF(t, stdout.Bytes())
	run := log["runs"].([]any)[0].(map[string]any)
	inv := run["invocations"].([]any)[0].(map[string]any)
	notes, _ := inv["toolExecutionNotifications"].([]any)
	if inv["executionSuccessful"] != false || len(notes) != 1 {
		t.Fatalf("invocation = %v, want executionSuccessful false and one notification", inv)
	}
	if msg, _ := path(notes[0], "message", "text").(string); !strings.Contains(msg, `bad.go:3:13: cannot use "s"`) || path(notes[0], "level") != "error" {
		t.Errorf("notification = %v", notes[0])
	}
	if n := len(run["results"].([]any)); n != 1 {
		t.Errorf("%d results, want the one of the package that built", n)
	}

	// Nothing analysed: still a log that says why.
	if err := os.Remove(filepath.Join(mod, "sub", "a b.go")); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	Main("leakvet", []*analysis.Analyzer{fake, other}, []string{"-sarif", "./bad"}, &stdout, &stderr)
	log = validateSARIF(t, stdout.Bytes())
	if notes := path(log["runs"].([]any)[0], "invocations"); !strings.Contains(mustJSON(t, notes), "cannot use") {
		t.Errorf("with nothing analysed: invocations %s, want the failure", mustJSON(t, notes))
	}
}

func mustJSON(t *testing.T, v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A finding's category is a result property, and sets its level: a leak
// on an error path or when a test fails is a note, others are warnings.
func TestSARIFCategoryAndLevel(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "a.go")
	var findings []Finding
	for i, cat := range []string{"", "normal", "error-path", "fail-path"} {
		findings = append(findings, Finding{Analyzer: "fake", Category: cat, Message: "fake: leak " + cat,
			Pos: token.Position{Filename: file, Line: i + 1, Column: 1, Offset: i}})
	}
	var out bytes.Buffer
	if err := writeSARIF(&out, []*analysis.Analyzer{fake}, findings, root, true, sarifExtra{}); err != nil {
		t.Fatal(err)
	}
	log := validateSARIF(t, out.Bytes())
	var got []string
	for _, r := range log["runs"].([]any)[0].(map[string]any)["results"].([]any) {
		cat, _ := path(r, "properties", "category").(string)
		got = append(got, cat+"="+path(r, "level").(string))
	}
	want := "=warning normal=warning error-path=note fail-path=note"
	if strings.Join(got, " ") != want {
		t.Errorf("category=level: %s, want %s", strings.Join(got, " "), want)
	}
}
