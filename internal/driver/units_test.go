package driver

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
)

var (
	toolOnce sync.Once
	toolPath string
	toolErr  error
)

// TestMain removes the leakvet command leakvetTool built.
func TestMain(m *testing.M) {
	code := m.Run()
	if toolPath != "" {
		os.RemoveAll(filepath.Dir(toolPath))
	}
	os.Exit(code)
}

// leakvetTool builds the leakvet command once: the units route runs it
// as go vet's tool, which a test binary is not.
func leakvetTool(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the leakvet command")
	}
	toolOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leakvet-units-test-")
		if err != nil {
			toolErr = err
			return
		}
		toolPath = filepath.Join(dir, "leakvet")
		out, err := exec.Command("go", "build", "-o", toolPath, commandPath).CombinedOutput()
		if err != nil {
			toolErr = errors.New(string(out))
		}
	})
	if toolErr != nil {
		t.Fatalf("building leakvet: %v", toolErr)
	}
	return toolPath
}

// unitsModule writes a module whose package p leaks in its files, in its
// in-package test and in its external test, and once through a helper of
// package q whose fact (it returns an open file) p needs.
func unitsModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"q/q.go": `package q

import "os"

// Open opens name for reading.
func Open(name string) (*os.File, error) { return os.Open(name) }
`,
		"p/p.go": `package p

import (
	"fmt"
	"net/http"

	"example.com/m/q"
)

func Status(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func Name(path string) error {
	f, err := q.Open(path)
	if err != nil {
		return err
	}
	fmt.Println(f.Name())
	return nil
}
`,
		"p/p_test.go": `package p

import (
	"os"
	"testing"
)

func TestName(t *testing.T) {
	f, err := os.Open("p.go")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(f.Name())
}
`,
		"p/x_test.go": `package p_test

import (
	"os"
	"testing"
)

func TestExternal(t *testing.T) {
	f, err := os.Open("p.go")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(f.Name())
}
`,
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lines lists findings as file:line: message, the file by base name.
func lines(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, filepath.Base(f.Pos.Filename)+":"+strconv.Itoa(f.Pos.Line)+": "+f.Message)
	}
	return out
}

// TestUnitsMatchCommandLine: the units route finds in the files of the
// saved file's package variant exactly what the command line finds
// there (through go vet, facts of q included), and leaves out only the
// external test package, a unit of its own.
func TestUnitsMatchCommandLine(t *testing.T) {
	tool := leakvetTool(t)
	t.Setenv("LEAKVET_CACHE", "off")
	mod := unitsModule(t)
	pdir := filepath.Join(mod, "p")
	ctx := context.Background()
	suite := analyzers.All()

	cmdline, err := analyzeWith(ctx, suite, Request{Dir: pdir, Patterns: []string{"."}}, tool)
	if err != nil {
		t.Fatal(err)
	}
	var want []Finding
	files := map[string]bool{}
	for _, f := range cmdline.Findings {
		files[filepath.Base(f.Pos.Filename)] = true
		if filepath.Base(f.Pos.Filename) != "x_test.go" {
			want = append(want, f)
		}
	}
	for _, name := range []string{"p.go", "p_test.go", "x_test.go"} {
		if !files[name] {
			t.Fatalf("the command line finds nothing in %s: %q; the comparison would be hollow", name, lines(cmdline.Findings))
		}
	}
	if got := lines(cmdline.Findings); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "p.go:19:") }) {
		t.Fatalf("the command line misses the leak through q.Open (line 19): %q", got)
	}

	units := NewUnits()
	defer units.Close()
	req := Request{Dir: pdir, Patterns: []string{"."}, Units: units, Files: []string{filepath.Join(pdir, "p.go")}}
	first, err := analyzeWith(ctx, suite, req, tool)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lines(first.Findings), lines(cmdline.Findings)) {
		t.Errorf("the first analysis, through the go command, = %q, want the command line's %q", lines(first.Findings), lines(cmdline.Findings))
	}
	req.FastOnly = true
	fast, err := analyzeWith(ctx, suite, req, tool)
	if err != nil {
		t.Fatalf("the second analysis did not use the kept units: %v", err)
	}
	if !slices.EqualFunc(fast.Findings, want, findingsEqual) {
		t.Errorf("units route = %q, want the command line's %q", lines(fast.Findings), lines(want))
	}

	// A file of the external test package is its own unit.
	req.Files = []string{filepath.Join(pdir, "x_test.go")}
	external, err := analyzeWith(ctx, suite, req, tool)
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(external.Findings); len(got) != 1 || !strings.HasPrefix(got[0], "x_test.go:") {
		t.Errorf("units route on x_test.go = %q, want its one leak", got)
	}
}

func findingsEqual(a, b Finding) bool {
	return a.Pos == b.Pos && a.End == b.End && a.Message == b.Message && a.Analyzer == b.Analyzer &&
		slices.EqualFunc(a.Related, b.Related, func(x, y Related) bool { return x == y }) &&
		slices.EqualFunc(a.Fixes, b.Fixes, func(x, y Fix) bool { return x.Message == y.Message && slices.Equal(x.Edits, y.Edits) })
}

// TestUnitsOverlay: unsaved contents are analysed in place of the file,
// and what is found in them is reported at the file's own name; a buffer
// that does not compile mid-edit is an error line, not a failure.
func TestUnitsOverlay(t *testing.T) {
	tool := leakvetTool(t)
	t.Setenv("LEAKVET_CACHE", "off")
	pdir := filepath.Join(unitsModule(t), "p")
	ctx := context.Background()
	suite := analyzers.All()
	units := NewUnits()
	defer units.Close()
	file := filepath.Join(pdir, "p.go")
	req := Request{Dir: pdir, Patterns: []string{"."}, Units: units, Files: []string{file}}
	if _, err := analyzeWith(ctx, suite, req, tool); err != nil {
		t.Fatal(err)
	}
	disk, _ := os.ReadFile(file)
	req.FastOnly = true

	// Two lines added above Status, its body closed: the leak through
	// q.Open moves to line 21 and the one of Status is gone.
	fixed := strings.Replace(string(disk), "func Status", "// Status says how url answers.\n// It closes the body.\nfunc Status", 1)
	fixed = strings.Replace(fixed, "\t\treturn 0, err\n\t}\n", "\t\treturn 0, err\n\t}\n\tdefer resp.Body.Close()\n", 1)
	req.Overlay = map[string][]byte{file: []byte(fixed)}
	res, err := analyzeWith(ctx, suite, req, tool)
	if err != nil {
		t.Fatal(err)
	}
	var inFile []string
	for _, f := range res.Findings {
		if f.Pos.Filename == file {
			inFile = append(inFile, strconv.Itoa(f.Pos.Line))
		} else if filepath.Base(f.Pos.Filename) == "p.go" {
			t.Errorf("finding named %s, want %s", f.Pos.Filename, file)
		}
	}
	if !slices.Equal(inFile, []string{"22"}) {
		t.Errorf("findings in the unsaved p.go at lines %q, want only the leak through q.Open at 22: %q", inFile, lines(res.Findings))
	}
	if got, _ := os.ReadFile(file); string(got) != string(disk) {
		t.Errorf("the overlay was written to the file")
	}

	req.Overlay = map[string][]byte{file: []byte(strings.Replace(string(disk), "return resp.StatusCode, nil", "return resp.StatusCode, nil, {", 1))}
	res, err = analyzeWith(ctx, suite, req, tool)
	if err != nil {
		t.Fatalf("a buffer that does not compile: %v, want a result with its error", err)
	}
	if len(res.Errors) == 0 || !strings.Contains(res.Errors[0], file+":15") || len(res.Findings) != 0 {
		t.Errorf("a buffer that does not compile: errors %q, findings %q; want its syntax error at %s:15 and no findings", res.Errors, lines(res.Findings), file)
	}
}

// TestUnitsGoStale: the kept units are not used once a package they
// import changed, or once the package gained a file; the go command's
// route answers instead, and keeps units again.
func TestUnitsGoStale(t *testing.T) {
	tool := leakvetTool(t)
	t.Setenv("LEAKVET_CACHE", "off")
	mod := unitsModule(t)
	pdir := filepath.Join(mod, "p")
	ctx := context.Background()
	suite := analyzers.All()
	units := NewUnits()
	defer units.Close()
	req := Request{Dir: pdir, Patterns: []string{"."}, Units: units, Files: []string{filepath.Join(pdir, "p.go")}}
	fast := req
	fast.FastOnly = true
	if _, err := analyzeWith(ctx, suite, req, tool); err != nil {
		t.Fatal(err)
	}
	if _, err := analyzeWith(ctx, suite, fast, tool); err != nil {
		t.Fatalf("kept units unused: %v", err)
	}
	// The external test package imports p as go vet compiled it when the
	// units were kept: once p.go changed on disk, its unit is stale, while
	// a change of its own file is not.
	external := fast
	external.Files = []string{filepath.Join(pdir, "x_test.go")}
	appendTo := func(name, text string) {
		data, _ := os.ReadFile(filepath.Join(pdir, name))
		os.WriteFile(filepath.Join(pdir, name), append(data, text...), 0o644)
	}
	appendTo("x_test.go", "\n// edited\n")
	if _, err := analyzeWith(ctx, suite, external, tool); err != nil {
		t.Errorf("the external test package after an edit of its own file: %v, want its kept unit used", err)
	}
	appendTo("p.go", "\nfunc New() int { return 1 }\n")
	if _, err := analyzeWith(ctx, suite, external, tool); !errors.Is(err, ErrNoFastPath) {
		t.Errorf("the external test package after p.go changed: %v, want ErrNoFastPath", err)
	}
	if _, err := analyzeWith(ctx, suite, fast, tool); err != nil {
		t.Errorf("p after an edit of p.go: %v, want its kept unit used", err)
	}

	changes := []func(){
		func() {
			os.WriteFile(filepath.Join(mod, "q", "q.go"), []byte("package q\n\nimport \"os\"\n\n// Open opens name.\nfunc Open(name string) (*os.File, error) {\n\treturn os.Open(name)\n}\n"), 0o644)
		},
		func() { os.WriteFile(filepath.Join(pdir, "more.go"), []byte("package p\n"), 0o644) },
	}
	for i, change := range changes {
		change()
		if _, err := analyzeWith(ctx, suite, fast, tool); !errors.Is(err, ErrNoFastPath) {
			t.Errorf("change %d: units route error %v, want ErrNoFastPath", i, err)
		}
		if _, err := analyzeWith(ctx, suite, req, tool); err != nil {
			t.Fatal(err)
		}
		if _, err := analyzeWith(ctx, suite, fast, tool); err != nil {
			t.Errorf("change %d: units not kept again by the go command's route: %v", i, err)
		}
	}
}
