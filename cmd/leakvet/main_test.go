package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
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
	if !strings.Contains(string(fixed), "\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n\tif resp.StatusCode") {
		t.Errorf("fix not applied after the error check:\n%s", fixed)
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

func TestClearErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dir     string
		args    []string
		code    int
		message string
	}{
		{"does not type-check", fixture("broken"), []string{"./..."}, 1, "undefined: undefinedName"},
		{"pattern matches nothing", fixture("clean"), []string{"example.com/clean/nosuch/..."}, 1, "matched no packages"},
		{"directory does not exist", fixture("clean"), []string{"./nosuchdir"}, 1, "nosuchdir"},
		{"unknown flag", fixture("clean"), []string{"-nosuchflag", "./..."}, 2, "flag provided but not defined: -nosuchflag"},
		{"bad resource entry", fixture("clean"), []string{"-unclosed.types=example.com/x.Conn", "./..."}, 2, `resource "example.com/x.Conn"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, tc.dir, binary, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.message) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant it to contain %q", code, tc.code, stderr, tc.message)
			}
		})
	}
}

func TestOddModules(t *testing.T) {
	t.Run("cgo", func(t *testing.T) {
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
