package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/internal/testenv"
)

// These tests build the leakvet binary and run it the ways users do:
// standalone, as go vet's -vettool and as go fix's -fixtool, on the
// fixture modules under testdata/e2e.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "leakvet-e2e")
	if err != nil {
		panic(err)
	}
	// A run cache of the tests' own, which they leave behind empty.
	os.Setenv("LEAKVET_CACHE", filepath.Join(dir, "cache"))
	binary = filepath.Join(dir, "leakvet")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		panic("building leakvet: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func fixture(name string) string {
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e", name))
	if err != nil {
		panic(err)
	}
	return p
}

// run runs name with args in dir and returns stdout, stderr and the exit
// code.
func run(t *testing.T, dir, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s %v: %v", name, args, err)
	}
	if strings.Contains(stderr.String(), "panic:") || strings.Contains(stderr.String(), "goroutine ") {
		t.Fatalf("%s %v crashed:\n%s", name, args, stderr.String())
	}
	return stdout.String(), stderr.String(), code
}

var column = regexp.MustCompile(`^([^:\s]+:\d+):\d+:`)

// diagnostics normalises go vet or leakvet text output to sorted
// "file:line: message" lines, dropping package headers and columns.
func diagnostics(t *testing.T, dir, out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		l = strings.TrimPrefix(l, dir+string(filepath.Separator))
		l = column.ReplaceAllString(l, "$1:")
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return lines
}

func expected(t *testing.T, dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return diagnostics(t, dir, string(data))
}

func TestVetToolReportsExactDiagnostics(t *testing.T) {
	dir := fixture("leaky")
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	if code == 0 {
		t.Fatalf("go vet exited 0 on leaky code")
	}
	if got, want := diagnostics(t, dir, stderr), expected(t, dir); !slices.Equal(got, want) {
		t.Errorf("go vet -vettool output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStandaloneReportsExactDiagnostics(t *testing.T) {
	dir := fixture("leaky")
	_, stderr, code := run(t, dir, binary, "./...")
	if code != 3 {
		t.Errorf("leakvet exit code = %d, want 3 (diagnostics reported)\n%s", code, stderr)
	}
	if got, want := diagnostics(t, dir, stderr), expected(t, dir); !slices.Equal(got, want) {
		t.Errorf("leakvet output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCleanCodeExitsZero(t *testing.T) {
	dir := fixture("clean")
	if _, stderr, code := run(t, dir, binary, "./..."); code != 0 || stderr != "" {
		t.Errorf("leakvet on clean code: exit %d, output %q", code, stderr)
	}
	if _, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./..."); code != 0 {
		t.Errorf("go vet on clean code: exit %d\n%s", code, stderr)
	}
}

func TestJSONOutput(t *testing.T) {
	dir := fixture("leaky")
	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	if code != 3 {
		t.Fatalf("leakvet -json exit %d\n%s", code, stderr)
	}
	// package -> analyzer -> diagnostics
	var tree map[string]map[string][]struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json output is not the x/tools JSON tree: %v\n%s", err, stdout)
	}
	diags := tree["example.com/leaky"]["unclosed"]
	if len(diags) != 2 || !strings.Contains(diags[0].Message, "resp.Body from http.Get") {
		t.Errorf("unexpected JSON diagnostics for example.com/leaky: %+v", diags)
	}
}

// -sarif writes SARIF for GitHub code scanning: a rule per analyzer of
// the suite, and the diagnostics of expected.txt as results whose URIs,
// resolved against %SRCROOT%, are the fixture's files. The structure is
// validated in internal/driver.
func TestSARIFOutput(t *testing.T) {
	dir := fixture("leaky")
	stdout, stderr, code := run(t, dir, binary, "-sarif", "./...")
	if code != 3 || stderr != "" {
		t.Fatalf("leakvet -sarif: exit %d, stderr:\n%s", code, stderr)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF 2.1.0 log with one run (%v):\n%s", err, stdout)
	}
	r := log.Runs[0]
	var rules, names []string
	for _, rule := range r.Tool.Driver.Rules {
		rules = append(rules, rule.ID)
	}
	for _, a := range analyzers.All() {
		names = append(names, a.Name)
	}
	if !slices.Equal(rules, names) {
		t.Errorf("rules %v, want one per analyzer: %v", rules, names)
	}
	u, err := url.Parse(r.OriginalURIBaseIDs["%SRCROOT%"].URI)
	if err != nil || u.Scheme != "file" {
		t.Fatalf("%%SRCROOT%% = %q, want a file URI", r.OriginalURIBaseIDs["%SRCROOT%"].URI)
	}
	var got []string
	for _, res := range r.Results {
		loc := res.Locations[0].PhysicalLocation
		rel, err := url.PathUnescape(loc.ArtifactLocation.URI)
		if err != nil || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || !filepath.IsLocal(rel) {
			t.Errorf("artifactLocation %+v, want a relative URI with uriBaseId %%SRCROOT%%", loc.ArtifactLocation)
			continue
		}
		file := filepath.Join(filepath.FromSlash(u.Path), filepath.FromSlash(rel))
		got = append(got, fmt.Sprintf("%s:%d: %s: %s", strings.TrimPrefix(file, dir+string(filepath.Separator)), loc.Region.StartLine, res.RuleID, res.Message.Text))
	}
	slices.Sort(got)
	var want []string
	for _, l := range expected(t, dir) {
		if !strings.Contains(l, ": \t") { // related positions are not results
			want = append(want, l)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("SARIF results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAnalyzerCanBeSwitchedOff(t *testing.T) {
	dir := fixture("leaky")
	if _, stderr, code := run(t, dir, binary, "-unclosed=false", "./..."); code != 0 || stderr != "" {
		t.Errorf("-unclosed=false: exit %d, output %q", code, stderr)
	}
}

func TestFixToolAppliesFixes(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture("leaky"))); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, dir, "go", "fix", "-fixtool="+binary, "./..."); code != 0 {
		t.Fatalf("go fix exit %d\n%s", code, stderr)
	}
	fixed, err := os.ReadFile(filepath.Join(dir, "fetch.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fixed), "\t\treturn nil, err\n\t}\n\tdefer func() { _ = resp.Body.Close() }()\n\tif resp.StatusCode") {
		t.Errorf("fix not applied after the error check:\n%s", fixed)
	}
	if n := strings.Count(string(fixed), "resp.Body.Close()"); n != 1 {
		// Status's own defer moves up; it is not written twice.
		t.Errorf("fetch.go has %d deferred body closes after the fix, want 1:\n%s", n, fixed)
	}
	if _, stderr, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("fixed code does not build:\n%s", stderr)
	}
	// Only the report without a mechanical fix remains.
	_, stderr, _ := run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	got := diagnostics(t, dir, stderr)
	if len(got) != 2 || !strings.Contains(got[1], "defer f.Close() inside a loop") {
		t.Errorf("after go fix, go vet reports:\n%s", strings.Join(got, "\n"))
	}
}

// writeModule writes a module example.com/m with the given files into a
// temporary directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Each error is one line on stderr, prefixed with the program name, and
// an exit code other than 3, which means leaks were reported.
func TestClearErrors(t *testing.T) {
	syntax := writeModule(t, map[string]string{"p/p.go": "package p\n\nfunc f( {\n"})
	missing := writeModule(t, map[string]string{"p/p.go": "package p\n\nimport \"example.com/nosuch\"\n\nvar _ = nosuch.X\n"})
	brokenDep := writeModule(t, map[string]string{
		"dep/dep.go": "package dep\n\nvar X int = \"not an int\"\n",
		"p/p.go":     "package p\n\nimport \"example.com/m/dep\"\n\nvar _ = dep.X\n",
	})
	noModule := t.TempDir()
	for _, tc := range []struct {
		name    string
		dir     string
		args    []string
		code    int
		message string
	}{
		{"does not type-check", fixture("broken"), []string{"./..."}, 1, "broken.go:8:11: f.Size undefined (type *os.File has no field or method Size) (and 1 more error in example.com/broken)"},
		{"does not parse", syntax, []string{"./..."}, 1, "p.go:3:9: expected ')', found '{' (and 3 more errors in example.com/m/p)"},
		{"imports a package no module provides", missing, []string{"./..."}, 1, "p/p.go:3:8: no required module provides package example.com/nosuch; to add it: go get example.com/nosuch"},
		{"dependency does not type-check", brokenDep, []string{"./p"}, 1, `dep.go:3:13: cannot use "not an int" (untyped string constant) as int value in variable declaration`},
		{"pattern matches nothing", fixture("clean"), []string{"example.com/clean/nosuch/..."}, 1, "leakvet: example.com/clean/nosuch/... matched no packages"},
		{"directory does not exist", fixture("clean"), []string{"./nosuchdir"}, 1, "leakvet: ./nosuchdir: no such file or directory"},
		{"tree does not exist", fixture("clean"), []string{"./nosuchdir/..."}, 1, "leakvet: ./nosuchdir: no such file or directory"},
		{"absolute path does not exist", fixture("clean"), []string{"/nonexistent/leakvet/..."}, 1, "leakvet: /nonexistent/leakvet: no such file or directory"},
		{"outside any module", noModule, []string{"./..."}, 1, "leakvet: no go.mod in " + noModule + " or any directory above it: run leakvet inside a Go module"},
		{"unknown flag", fixture("clean"), []string{"-nosuchflag", "./..."}, 2, "leakvet: flag provided but not defined: -nosuchflag (run 'leakvet help' for the flags)"},
		{"bad resource entry", fixture("clean"), []string{"-unclosed.types=example.com/x.Conn", "./..."}, 2, `leakvet: invalid value "example.com/x.Conn" for flag -unclosed.types: resource "example.com/x.Conn"`},
		{"two output formats", fixture("clean"), []string{"-json", "-sarif", "./..."}, 2, "leakvet: -json and -sarif cannot be combined"},
		{"no packages", fixture("clean"), nil, 2, "usage: leakvet [flags] packages... (run 'leakvet help' for the analyzers and flags)"},
		{"help for an unknown analyzer", fixture("clean"), []string{"help", "nosuch"}, 2, `leakvet: no analyzer named "nosuch" (the analyzers are `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tc.dir, binary, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.message) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant it to contain %q", code, tc.code, stderr, tc.message)
			}
			if lines := strings.Count(stderr, "\n"); lines != 1 || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("stderr has %d lines, want one:\n%s", lines, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout:\n%s\nwant nothing", stdout)
			}
		})
	}
}

func TestOddModules(t *testing.T) {
	t.Run("cgo", func(t *testing.T) {
		testenv.NeedsCgo(t)
		_, stderr, code := run(t, fixture("cgo"), binary, "./...")
		if code != 3 || !strings.Contains(stderr, "cgo.go:16:12: unclosed: f from os.Open is never closed") {
			t.Errorf("exit %d\n%s", code, stderr)
		}
	})
	t.Run("generic", func(t *testing.T) {
		_, stderr, code := run(t, fixture("generic"), binary, "./...")
		if code != 3 || strings.Count(stderr, "unclosed:") != 1 || !strings.Contains(stderr, "generic.go:12:15: unclosed: resp.Body from http.Get is never closed") {
			t.Errorf("want exactly one report for the generic body, got exit %d\n%s", code, stderr)
		}
	})
	t.Run("empty package", func(t *testing.T) {
		if _, stderr, code := run(t, fixture("empty"), binary, "./..."); code != 0 || stderr != "" {
			t.Errorf("exit %d\n%s", code, stderr)
		}
	})
	t.Run("build tags", func(t *testing.T) {
		dir := fixture("tagged")
		if _, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./..."); code != 0 {
			t.Errorf("untagged: exit %d\n%s", code, stderr)
		}
		_, stderr, code := run(t, dir, "go", "vet", "-tags=extra", "-vettool="+binary, "./...")
		if code == 0 || !strings.Contains(stderr, "extra.go:9:10: unclosed: f from os.Open is never closed") {
			t.Errorf("-tags=extra: exit %d\n%s", code, stderr)
		}
	})
}

// -json prints a finding of a non-test file once, under the package's
// path, although the package's test variant analyses the file too; a
// finding in a test file, which only the test variant sees, appears once
// under the same path, as go vet -json prints it.
func TestJSONPrintsEachFindingOnce(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"p/p.go": `package p

import "os"

// Head reads the first bytes of a file and never closes it.
func Head(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	n, err := f.Read(buf)
	return buf[:n], err
}
`,
		"p/p_test.go": `package p

import (
	"os"
	"testing"
)

func TestHead(t *testing.T) {
	f, err := os.Open("p.go")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if _, err := f.Read(buf); err != nil {
		t.Fatal(err)
	}
}
`,
	})
	stdout, stderr, code := run(t, dir, binary, "-json", "./...")
	if code != 3 {
		t.Fatalf("leakvet -json exit %d\n%s", code, stderr)
	}
	var tree map[string]map[string][]struct {
		Posn string `json:"posn"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json output is not the x/tools JSON tree: %v\n%s", err, stdout)
	}
	where := make(map[string][]string) // file -> packages reporting in it
	for pkg, byAnalyzer := range tree {
		for _, diags := range byAnalyzer {
			for _, d := range diags {
				file := filepath.Base(strings.Split(d.Posn, ":")[0])
				where[file] = append(where[file], pkg)
			}
		}
	}
	if got := where["p.go"]; !slices.Equal(got, []string{"example.com/m/p"}) {
		t.Errorf("the finding in p.go is printed under %q, want once under example.com/m/p\n%s", got, stdout)
	}
	if got := where["p_test.go"]; !slices.Equal(got, []string{"example.com/m/p"}) {
		t.Errorf("the finding in p_test.go is printed under %q, want once under example.com/m/p\n%s", got, stdout)
	}
}

// A re-run with nothing changed answers from the run cache: a go on the
// PATH that logs its calls is asked only for its settings (go env), and
// the output is the same. A run with other flags, and one after a Go
// file changed, analyse again; the latter reports the new leak.
func TestReRunWithNothingChangedUsesTheCache(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the logging go is a shell script")
	}
	realGo, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	calls := filepath.Join(bin, "calls")
	script := "#!/bin/sh\necho \"$*\" >>" + calls + "\nexec " + realGo + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	logged := func() string { data, _ := os.ReadFile(calls); return string(data) }

	dir := writeModule(t, map[string]string{"p/p.go": "package p\n\nimport \"os\"\n\nfunc Open() { os.Open(\"x\") }\n"})
	_, first, code := run(t, dir, binary, "./...")
	if code != 3 || logged() == "" {
		t.Fatalf("first run: exit %d, go called as:\n%s\noutput:\n%s", code, logged(), first)
	}
	before := logged()
	_, again, code := run(t, dir, binary, "./...")
	// Only go env, for the settings the cache key covers, and no
	// listing or analysis.
	for _, call := range strings.Split(strings.TrimSpace(strings.TrimPrefix(logged(), before)), "\n") {
		if call != "" && !strings.HasPrefix(call, "env ") {
			t.Errorf("re-run: go called as %q", call)
		}
	}
	if code != 3 || again != first {
		t.Errorf("re-run: exit %d, output:\n%s\nwant the first run's output:\n%s", code, again, first)
	}
	if _, _, code := run(t, dir, binary, "-unclosed=false", "./..."); code != 0 || logged() == before {
		t.Errorf("-unclosed=false: exit %d, want 0 from a fresh analysis", code)
	}
	if err := os.WriteFile(filepath.Join(dir, "p", "q.go"), []byte("package p\n\nimport \"os\"\n\nfunc Create() { os.Create(\"y\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, changed, code := run(t, dir, binary, "./...")
	if code != 3 || !strings.Contains(changed, "q.go:5:17: unclosed:") || !strings.Contains(changed, "p.go:5:15: unclosed:") {
		t.Errorf("after adding q.go: exit %d\n%s\nwant the leaks of p.go and q.go", code, changed)
	}
}
