// Package e2e tests the leakvet golangci-lint plugin end to end:
// golangci-lint built with the plugin (this module's main package) runs
// with the repository's .golangci.example.yml on the fixture module
// testdata/e2e/suite, which holds one file per analyzer of analyzers.All().
//
// Set LEAKVET_GOLANGCI_LINT to a binary built from this module to skip
// the build here (.ci/run does, to time the build on its own). The test is
// a package of its own so that its binary does not link golangci-lint.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
)

var (
	binary  string // golangci-lint with the plugin
	config  string // the repository's .golangci.example.yml
	fixture string // testdata/e2e/suite
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "leakvet-golangci")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	binary = os.Getenv("LEAKVET_GOLANGCI_LINT")
	if binary == "" {
		binary = filepath.Join(tmp, "golangci-lint")
		if out, err := exec.Command("go", "build", "-o", binary, "..").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building golangci-lint with the plugin: %v\n%s", err, out)
			return 1
		}
	}
	// A cache of its own: nothing from an earlier build is reused.
	os.Setenv("GOLANGCI_LINT_CACHE", filepath.Join(tmp, "cache"))
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	config = filepath.Join(root, ".golangci.example.yml")
	fixture = filepath.Join(root, "testdata", "e2e", "suite")
	return m.Run()
}

// issue is one entry of golangci-lint's JSON output.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename     string
		Line, Column int
	}
}

// lint runs golangci-lint with the plugin, configured by cfg, on the
// module in dir and returns the issues, the text output and the exit code.
// Only leakvet runs (--default=none), so the other linters' findings do
// not get in the way; extra arguments such as --fix come before the
// package pattern.
func lint(t *testing.T, dir, cfg string, extra ...string) ([]issue, string, int) {
	t.Helper()
	textOut := filepath.Join(t.TempDir(), "text.txt")
	// --allow-parallel-runners: other golangci-lint runs on the machine
	// (or parallel tests here) must not make this one fail.
	args := append([]string{"run", "-c", cfg, "--default=none", "--path-mode=abs", "--show-stats=false", "--allow-parallel-runners",
		"--output.json.path=stdout", "--output.text.path=" + textOut}, extra...)
	args = append(args, "./...")
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running golangci-lint: %v", err)
		}
		code = exit.ExitCode()
	}
	if strings.Contains(stderr.String(), "panic") {
		t.Fatalf("golangci-lint %v crashed:\n%s", args, stderr.String())
	}
	if code != 0 && code != 1 { // 1: issues found
		return nil, stderr.String(), code
	}
	var out struct{ Issues []issue }
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("golangci-lint %v: output is not JSON: %v\n%s\nstderr:\n%s", args, err, stdout.String(), stderr.String())
	}
	text, err := os.ReadFile(textOut)
	if err != nil {
		t.Fatal(err)
	}
	return out.Issues, string(text), code
}

// copyFixture copies the fixture module to a temporary directory.
func copyFixture(t *testing.T) string {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEveryAnalyzerReportsUnderLeakvet: each analyzer of the suite reports
// at least one finding in its own fixture file, as linter leakvet, with
// file:line in the text output and the analyzer's name in the message.
func TestEveryAnalyzerReportsUnderLeakvet(t *testing.T) {
	issues, text, code := lint(t, fixture, config)
	if code != 1 {
		t.Fatalf("golangci-lint exit %d, want 1 (issues found)\n%s", code, text)
	}
	for _, is := range issues {
		if is.FromLinter != "leakvet" {
			t.Errorf("issue from linter %q, want leakvet: %+v", is.FromLinter, is)
		}
		if strings.Contains(is.Text, "related information") {
			t.Errorf("related information reported as an issue of its own: %+v", is)
		}
		// text output: file:line:col: message (leakvet)
		line := fmt.Sprintf("%s:%d:%d: %s (leakvet)", is.Pos.Filename, is.Pos.Line, is.Pos.Column, is.Text)
		if !strings.Contains(text, line+"\n") {
			t.Errorf("text output lacks %q:\n%s", line, text)
		}
	}
	for _, a := range analyzers.All() {
		// testcleanup's cases live in a test file.
		file := filepath.Join(fixture, a.Name+".go")
		if _, err := os.Stat(file); err != nil {
			file = filepath.Join(fixture, a.Name+"_test.go")
		}
		if _, err := os.Stat(file); err != nil {
			t.Errorf("analyzer %s has no fixture file: add testdata/e2e/suite/%s.go (or %s_test.go) with a case it reports", a.Name, a.Name, a.Name)
			continue
		}
		found := false
		for _, is := range issues {
			if is.Pos.Filename == file && is.Pos.Line > 0 && strings.HasPrefix(is.Text, a.Name+": ") && !strings.HasPrefix(is.Text, a.Name+": "+a.Name+":") {
				found = true
				t.Logf("%s:%d: %s", filepath.Base(file), is.Pos.Line, is.Text)
			}
		}
		if !found {
			t.Errorf("no issue %q from linter leakvet in %s; issues:\n%s", a.Name+": ...", file, text)
		}
	}
}

// nolint matches a //nolint:leakvet directive after code on its line.
var nolint = regexp.MustCompile(`(?m)^(\s*[^/\s].*?)\s*//nolint:leakvet\b.*$`)

// nolintLines returns the fixture's lines that carry //nolint:leakvet,
// as file:line.
func nolintLines(t *testing.T, dir string) []string {
	var lines []string
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			if nolint.MatchString(l) {
				lines = append(lines, fmt.Sprintf("%s:%d", f, i+1))
			}
		}
	}
	if len(lines) == 0 {
		t.Fatalf("the fixture has no //nolint:leakvet line")
	}
	return lines
}

func reportedAt(issues []issue) map[string]bool {
	at := make(map[string]bool)
	for _, is := range issues {
		at[fmt.Sprintf("%s:%d", is.Pos.Filename, is.Pos.Line)] = true
	}
	return at
}

// TestNolintSilencesOne: a //nolint:leakvet line is silent, and the same
// code without the directive is reported.
func TestNolintSilencesOne(t *testing.T) {
	issues, text, _ := lint(t, fixture, config)
	silenced := nolintLines(t, fixture)
	at := reportedAt(issues)
	for _, l := range silenced {
		if at[l] {
			t.Errorf("%s has //nolint:leakvet but is reported:\n%s", l, text)
		}
	}

	// Control: without the directives, the same lines are reported.
	dir := copyFixture(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, nolint.ReplaceAll(data, []byte("$1")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	issues, text, _ = lint(t, dir, config)
	at = reportedAt(issues)
	for _, l := range silenced {
		l = dir + strings.TrimPrefix(l, fixture)
		if !at[l] {
			t.Errorf("without its //nolint:leakvet, %s is not reported either, so the test proves nothing:\n%s", l, text)
		}
	}
}

// TestFixAppliesSuggestedFix: --fix applies the suggested fixes; the
// result matches the .golden files and builds.
func TestFixAppliesSuggestedFix(t *testing.T) {
	dir := copyFixture(t)
	_, text, code := lint(t, dir, config, "--fix")
	if code != 0 && code != 1 {
		t.Fatalf("golangci-lint --fix exit %d\n%s", code, text)
	}
	goldens, _ := filepath.Glob(filepath.Join(fixture, "*.go.golden"))
	if len(goldens) == 0 {
		t.Fatal("the fixture has no .go.golden file")
	}
	for _, g := range goldens {
		want, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(g), ".golden")
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s after golangci-lint --fix:\n%s\nwant (%s):\n%s", name, got, g, want)
		}
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the fixed fixture does not build: %v\n%s", err, out)
	}
}

// TestBadSettingsFail: a misspelt key, a value of the wrong type and an
// unknown analyzer in the example configuration stop golangci-lint with a
// message naming the key.
func TestBadSettingsFail(t *testing.T) {
	example, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"misspelt key", `            types: ""`, `            typez: ""`, `unknown key "unclosed.typez"`},
		{"wrong type", `            types: ""`, `            types: 3`, `key "unclosed.types": wants a string, got a number (3)`},
		{"unknown analyzer", `          disable: []`, `          disable: [unclosd]`, `key "disable": no analyzer named "unclosd"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(example), tc.old+"\n") {
				t.Fatalf("%s has no line %q to change", config, tc.old)
			}
			bad := filepath.Join(t.TempDir(), ".golangci.yml")
			if err := os.WriteFile(bad, []byte(strings.Replace(string(example), tc.old+"\n", tc.new+"\n", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, stderr, code := lint(t, fixture, bad)
			if code == 0 || code == 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, output:\n%s\nwant a failure naming the key: %s", code, stderr, tc.want)
			}
		})
	}
}

// deferredBlank matches the defers the suggested fixes insert for a
// release that returns an error: `defer func() { _ = rows.Close() }()`.
var deferredBlank = regexp.MustCompile(`defer func\(\) \{ _ = (.*\(\)) \}\(\)`)

// TestFixesPassErrcheck: the code --fix writes passes errcheck, which
// golangci-lint enables by default, and the same fixes written as a plain
// `defer rows.Close()` would not: errcheck reports each of them.
func TestFixesPassErrcheck(t *testing.T) {
	dir := copyFixture(t)
	if _, text, code := lint(t, dir, config, "--fix"); code != 0 && code != 1 {
		t.Fatalf("golangci-lint --fix exit %d\n%s", code, text)
	}
	goldens, _ := filepath.Glob(filepath.Join(fixture, "*.go.golden"))
	fixed := make(map[string]bool)
	for _, g := range goldens {
		fixed[filepath.Join(dir, strings.TrimSuffix(filepath.Base(g), ".golden"))] = true
	}
	errcheckAt := func() map[string]bool {
		issues, text, code := lint(t, dir, config, "--enable=errcheck")
		if code != 0 && code != 1 {
			t.Fatalf("golangci-lint --enable=errcheck exit %d\n%s", code, text)
		}
		at := make(map[string]bool)
		for _, is := range issues {
			if is.FromLinter == "errcheck" && fixed[is.Pos.Filename] {
				at[fmt.Sprintf("%s:%d", is.Pos.Filename, is.Pos.Line)] = true
			}
		}
		return at
	}
	if at := errcheckAt(); len(at) > 0 {
		t.Errorf("errcheck reports the fixed code at %v", at)
	}

	// Control: written as plain defers, errcheck reports every one.
	var plain []string
	for file := range fixed {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if deferredBlank.MatchString(line) {
				plain = append(plain, fmt.Sprintf("%s:%d", file, i+1))
			}
		}
		if err := os.WriteFile(file, deferredBlank.ReplaceAll(data, []byte("defer $1")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(plain) < 4 {
		t.Fatalf("the fixes wrote %d errcheck-proof defers, want one per body, rows, file and transaction: %v", len(plain), plain)
	}
	at := errcheckAt()
	for _, l := range plain {
		if !at[l] {
			t.Errorf("errcheck does not report a plain defer at %s, so the test proves nothing", l)
		}
	}
}

// TestGeneratedFiles: leakvet skips generated files in golangci-lint too,
// by itself: with golangci-lint's own exclusion of generated files off,
// the leak in the generated file stays hidden while the same leak in a
// handwritten file is reported; the setting generated: true shows it.
func TestGeneratedFiles(t *testing.T) {
	example, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	const linters, setting = "linters:\n", "          generated: false\n"
	if !bytes.Contains(example, []byte(linters)) || !bytes.Contains(example, []byte(setting)) {
		t.Fatalf("%s has no %q or %q line to change", config, linters, setting)
	}
	noExclusions := bytes.Replace(example, []byte(linters), []byte(linters+"  exclusions:\n    generated: disable\n"), 1)
	withGenerated := bytes.Replace(noExclusions, []byte(setting), []byte("          generated: true\n"), 1)

	dir := copyFixture(t)
	leak := "\nimport \"os\"\n\nfunc %s(p string) int64 {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn 0\n\t}\n\tst, _ := f.Stat()\n\treturn st.Size()\n}\n"
	files := map[string]string{
		"zz_generated.go": "// Code generated by mkfixture. DO NOT EDIT.\n\npackage suite\n" + strings.Replace(leak, "%s", "GeneratedSize", 1),
		"handwritten.go":  "package suite\n" + strings.Replace(leak, "%s", "HandwrittenSize", 1),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reported := func(cfgText []byte) (gen, hand bool) {
		cfg := filepath.Join(t.TempDir(), ".golangci.yml")
		if err := os.WriteFile(cfg, cfgText, 0o644); err != nil {
			t.Fatal(err)
		}
		issues, text, code := lint(t, dir, cfg)
		if code != 1 {
			t.Fatalf("golangci-lint exit %d, want 1 (issues found)\n%s", code, text)
		}
		for _, is := range issues {
			switch filepath.Base(is.Pos.Filename) {
			case "zz_generated.go":
				gen = true
			case "handwritten.go":
				hand = true
			}
		}
		return gen, hand
	}
	if gen, hand := reported(noExclusions); gen || !hand {
		t.Errorf("default settings, golangci-lint's exclusion off: generated reported %v (want false), handwritten %v (want true)", gen, hand)
	}
	if gen, hand := reported(withGenerated); !gen || !hand {
		t.Errorf("generated: true: generated reported %v, handwritten %v, want both", gen, hand)
	}
}
