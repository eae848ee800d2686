package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// fake reports every call of a function named leak, with the enclosing
// function's name as related information, like the real analyzers do.
var fake = &analysis.Analyzer{
	Name: "fake",
	Doc:  "report calls of leak\n\nThe whole documentation of fake, for the rule's help.",
	URL:  "https://example.com/fake",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok {
					continue
				}
				ast.Inspect(fn, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "leak" {
							pass.Report(analysis.Diagnostic{
								Pos: call.Pos(), End: call.End(),
								Message: "fake: leak called",
								Related: []analysis.RelatedInformation{{Pos: fn.Name.Pos(), Message: "in " + fn.Name.Name}},
							})
						}
					}
					return true
				})
			}
		}
		return nil, nil
	},
}

// other has no findings; it still gets a rule.
var other = &analysis.Analyzer{Name: "other", Doc: "find nothing", Run: func(*analysis.Pass) (any, error) { return nil, nil }}

// The line of "a b.go" with the call: a comment with a two-byte and a
// four-byte character precedes it, one and two UTF-16 code units.
const source = `package a

func leak() {}

func F() {
	/* é𝄞 */ leak()
}
`

// writeModule writes a module with "a b.go" in sub under dir.
func writeModule(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":     "module example.com/m\n\ngo 1.26\n",
		"sub/a b.go": source,
		"sub/doc.go": "// Package a is a fixture.\npackage a\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runSARIF runs the driver with -sarif in dir and returns its output.
func runSARIF(t *testing.T, dir string) []byte {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := Main("leakvet", []*analysis.Analyzer{fake, other}, []string{"-sarif", "./..."}, &stdout, &stderr)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s", code, ExitFindings, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("-sarif wrote to stderr:\n%s", stderr.String())
	}
	return stdout.Bytes()
}

func TestSARIFInGitRepository(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeModule(t, filepath.Join(repo, "mod"))
	out := runSARIF(t, filepath.Join(repo, "mod"))
	log := validateSARIF(t, out)
	checkFakeResult(t, log, repo, "mod/sub/a%20b.go")
}

func TestSARIFOutsideGitRepository(t *testing.T) {
	mod := t.TempDir()
	writeModule(t, mod)
	log := validateSARIF(t, runSARIF(t, mod))
	checkFakeResult(t, log, mod, "sub/a%20b.go")
}

// checkFakeResult checks what the SARIF log says about the one finding.
func checkFakeResult(t *testing.T, log map[string]any, root, wantURI string) {
	t.Helper()
	run := log["runs"].([]any)[0].(map[string]any)
	base := run["originalUriBaseIds"].(map[string]any)["%SRCROOT%"].(map[string]any)["uri"]
	if want := (&url.URL{Scheme: "file", Path: filepath.ToSlash(root) + "/"}).String(); base != want {
		t.Errorf("%%SRCROOT%% = %v, want %s", base, want)
	}
	rules := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	if len(rules) != 2 {
		t.Fatalf("want a rule per analyzer (fake, other), got %d", len(rules))
	}
	r := rules[0].(map[string]any)
	if r["id"] != "fake" || r["shortDescription"].(map[string]any)["text"] != "report calls of leak" ||
		r["help"].(map[string]any)["text"] != fake.Doc || r["helpUri"] != fake.URL {
		t.Errorf("rule for fake = %v", r)
	}
	results := run["results"].([]any)
	if len(results) != 1 {
		t.Fatalf("want 1 result, got %d", len(results))
	}
	res := results[0].(map[string]any)
	if res["ruleId"] != "fake" || res["message"].(map[string]any)["text"] != "leak called" {
		t.Errorf("result = %v; want ruleId fake and the message without the analyzer's name", res)
	}
	phys := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	art := phys["artifactLocation"].(map[string]any)
	if art["uri"] != wantURI || art["uriBaseId"] != "%SRCROOT%" {
		t.Errorf("artifactLocation = %v, want uri %s relative to %%SRCROOT%%", art, wantURI)
	}
	// "\t/* é𝄞 */ leak()": leak starts at byte 15, at UTF-16 unit 12.
	region := phys["region"].(map[string]any)
	if region["startLine"] != 6.0 || region["startColumn"] != 12.0 || region["endLine"] != 6.0 || region["endColumn"] != 18.0 {
		t.Errorf("region = %v, want line 6, columns 12-18 in UTF-16 code units", region)
	}
	rel := res["relatedLocations"].([]any)[0].(map[string]any)
	if rel["message"].(map[string]any)["text"] != "in F" {
		t.Errorf("related location = %v", rel)
	}
}

// validateSARIF checks data against what GitHub code scanning requires of
// an uploaded SARIF file and returns it decoded.
func validateSARIF(t *testing.T, data []byte) map[string]any {
	t.Helper()
	log, problems := sarifProblems(data)
	for _, p := range problems {
		t.Errorf("SARIF: %s", p)
	}
	if log == nil {
		t.FailNow()
	}
	return log
}

// sarifProblems decodes data and lists how it falls short of what GitHub
// code scanning requires of an uploaded SARIF file.
func sarifProblems(data []byte) (map[string]any, []string) {
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, []string{"not JSON: " + err.Error()}
	}
	var problems []string
	fail := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	if log["version"] != "2.1.0" {
		fail("version = %v, want 2.1.0", log["version"])
	}
	if s, _ := log["$schema"].(string); !strings.Contains(s, "sarif") || !strings.Contains(s, "2.1.0") {
		fail("$schema = %v, want the SARIF 2.1.0 schema", log["$schema"])
	}
	runs, _ := log["runs"].([]any)
	if len(runs) == 0 {
		fail("no runs")
		return log, problems
	}
	for i, r := range runs {
		run, _ := r.(map[string]any)
		driver, _ := path(run, "tool", "driver").(map[string]any)
		if name, _ := driver["name"].(string); name == "" {
			fail("runs[%d].tool.driver.name is missing", i)
		}
		rules, ok := driver["rules"].([]any)
		if !ok {
			fail("runs[%d].tool.driver.rules is missing", i)
		}
		ids := make(map[string]int)
		for j, ru := range rules {
			rule, _ := ru.(map[string]any)
			id, _ := rule["id"].(string)
			if id == "" {
				fail("rule %d has no id", j)
			}
			if _, dup := ids[id]; dup {
				fail("rule id %q appears twice", id)
			}
			ids[id] = j
			for _, field := range []string{"shortDescription", "fullDescription", "help"} {
				if s, _ := path(rule, field, "text").(string); s == "" {
					fail("rule %s has no %s.text", id, field)
				}
			}
		}
		bases, _ := run["originalUriBaseIds"].(map[string]any)
		for name, b := range bases {
			u, _ := path(b, "uri").(string)
			if pu, err := url.Parse(u); err != nil || pu.Scheme != "file" || !strings.HasSuffix(u, "/") {
				fail("originalUriBaseIds[%s].uri = %q, want an absolute file URI ending in /", name, u)
			}
		}
		results, ok := run["results"].([]any)
		if !ok {
			fail("runs[%d].results is missing", i)
		}
		for j, re := range results {
			res, _ := re.(map[string]any)
			where := fmt.Sprintf("results[%d]", j)
			id, _ := res["ruleId"].(string)
			k, known := ids[id]
			if !known {
				fail("%s.ruleId %q is not a rule", where, id)
			}
			if idx, ok := res["ruleIndex"].(float64); ok && int(idx) != k {
				fail("%s.ruleIndex %v does not point at rule %s", where, idx, id)
			}
			switch res["level"] {
			case nil, "none", "note", "warning", "error":
			default:
				fail("%s.level = %v", where, res["level"])
			}
			if s, _ := path(res, "message", "text").(string); s == "" {
				fail("%s.message.text is missing", where)
			}
			locs, _ := res["locations"].([]any)
			if len(locs) == 0 {
				fail("%s has no locations", where)
			}
			related, _ := res["relatedLocations"].([]any)
			for n, l := range append(locs, related...) {
				checkLocation(fail, fmt.Sprintf("%s location %d", where, n), l, bases)
			}
		}
	}
	return log, problems
}

// checkLocation checks one physical location: a relative URI resolved
// against a declared base, and a region with a start line.
func checkLocation(fail func(string, ...any), where string, l any, bases map[string]any) {
	phys, _ := path(l, "physicalLocation").(map[string]any)
	if phys == nil {
		fail("%s has no physicalLocation", where)
		return
	}
	uri, _ := path(phys, "artifactLocation", "uri").(string)
	u, err := url.Parse(uri)
	if uri == "" || err != nil || u.Scheme != "" || strings.HasPrefix(uri, "/") {
		fail("%s: artifactLocation.uri = %q, want a relative URI", where, uri)
	}
	if base, ok := path(phys, "artifactLocation", "uriBaseId").(string); ok {
		if _, declared := bases[base]; !declared {
			fail("%s: uriBaseId %q is not in originalUriBaseIds", where, base)
		}
	}
	start, _ := path(phys, "region", "startLine").(float64)
	if start < 1 {
		fail("%s: region.startLine = %v, want >= 1", where, start)
	}
	if c, ok := path(phys, "region", "startColumn").(float64); ok && c < 1 {
		fail("%s: region.startColumn = %v, want >= 1", where, c)
	}
	if end, ok := path(phys, "region", "endLine").(float64); ok && end < start {
		fail("%s: region.endLine %v before startLine %v", where, end, start)
	}
}

// path follows keys through nested JSON objects.
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// The validator itself: each way a log can fall short is caught.
func TestSARIFValidatorCatchesBrokenLogs(t *testing.T) {
	mod := t.TempDir()
	writeModule(t, mod)
	good := runSARIF(t, mod)
	if _, problems := sarifProblems(good); len(problems) > 0 {
		t.Fatalf("the good log has problems: %v", problems)
	}
	for _, tc := range []struct {
		name     string
		old, new string
		want     string
	}{
		{"wrong version", `"version": "2.1.0"`, `"version": "2.0.0"`, "version = 2.0.0"},
		{"no schema", `"$schema": "https://json.schemastore.org/sarif-2.1.0.json"`, `"$schema": ""`, "$schema"},
		{"no rules", `"rules": [`, `"rulez": [`, "rules is missing"},
		{"unknown rule", `"ruleId": "fake"`, `"ruleId": "nosuch"`, `ruleId "nosuch" is not a rule`},
		{"wrong rule index", `"ruleIndex": 0`, `"ruleIndex": 1`, "does not point at rule fake"},
		{"absolute URI", `"uri": "sub/a%20b.go"`, `"uri": "/abs/sub/a%20b.go"`, "want a relative URI"},
		{"file URI", `"uri": "sub/a%20b.go"`, `"uri": "file:///abs/sub/a%20b.go"`, "want a relative URI"},
		{"undeclared base", `"uriBaseId": "%SRCROOT%"`, `"uriBaseId": "%NOSUCH%"`, "not in originalUriBaseIds"},
		{"no start line", `"startLine": 6`, `"startLine": 0`, "startLine = 0"},
		{"no message", `"text": "leak called"`, `"text": ""`, "message.text is missing"},
		{"no locations", `"locations": [`, `"locationz": [`, "has no locations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(good, []byte(tc.old)) {
				t.Fatalf("the good log has no %s", tc.old)
			}
			bad := bytes.Replace(good, []byte(tc.old), []byte(tc.new), 1)
			_, problems := sarifProblems(bad)
			if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
				t.Errorf("problems %q, want one about %q", problems, tc.want)
			}
		})
	}
}
