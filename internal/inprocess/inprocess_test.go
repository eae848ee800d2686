package inprocess

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
)

// listModule copies testdata/mod to a temporary directory (tests edit
// it) and lists its build.
func listModule(t *testing.T) (string, *Graph) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "mod"))); err != nil {
		t.Fatal(err)
	}
	return dir, relist(t, dir)
}

func relist(t *testing.T, dir string) *Graph {
	t.Helper()
	g, err := List(context.Background(), Listing{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// memoryCache is a Cache in a map.
type memoryCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *memoryCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.m[key]
	return data, ok
}

func (c *memoryCache) Put(key string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = data
	return nil
}

// run analyses g and returns its findings as sorted "unit file:line:
// analyzer: message" lines, and how many units it analysed.
func run(t *testing.T, g *Graph, cache Cache) ([]string, int) {
	t.Helper()
	cfg := Config{
		Analyzers: analyzers.All(),
		Salt:      "test",
		Cache:     cache,
		Findings: func(fset *token.FileSet, pkg string, diags []Diagnostic) ([]byte, error) {
			var lines []string
			for _, d := range diags {
				p := fset.Position(d.Pos)
				lines = append(lines, fmt.Sprintf("%s %s:%d: %s: %s", pkg, filepath.Base(p.Filename), p.Line, d.Analyzer, d.Message))
			}
			return json.Marshal(lines)
		},
	}
	res, err := Run(context.Background(), g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, data := range res.Findings {
		var lines []string
		if err := json.Unmarshal(data, &lines); err != nil {
			t.Fatal(err)
		}
		all = append(all, lines...)
	}
	slices.Sort(all)
	return all, res.Analysed
}

func ids(units []*Unit) []string {
	var out []string
	for _, u := range units {
		out = append(out, u.ID)
	}
	slices.Sort(out)
	return out
}

// The units analysed for diagnostics are go vet's: a package with
// in-package tests only as its test variant, its external test package,
// and packages without tests as they are.
func TestRootsAreGoVetsUnits(t *testing.T) {
	_, g := listModule(t)
	want := []string{
		"example.com/mod/a",
		"example.com/mod/b [example.com/mod/b.test]",
		"example.com/mod/b_test [example.com/mod/b.test]",
		"example.com/mod/c",
		"example.com/mod/d",
	}
	if got := ids(g.Roots()); !slices.Equal(got, want) {
		t.Errorf("roots = %q, want %q", got, want)
	}
}

// Dependencies are analysed for facts, the standard library and test
// variants reached only through blank imports for their types alone.
func TestKinds(t *testing.T) {
	_, g := listModule(t)
	kinds := g.kinds(g.Roots())
	for id, want := range map[string]unitKind{
		"example.com/mod/a":                          forDiagnostics,
		"example.com/mod/b":                          forFacts, // imported by c and d; reported on as b [b.test]
		"example.com/mod/c [example.com/mod/b.test]": forFacts,
		"example.com/mod/d [example.com/mod/b.test]": typesOnly,
		"net/http": typesOnly,
	} {
		u := g.Unit(id)
		if u == nil {
			t.Errorf("%s is not listed", id)
			continue
		}
		if got, ok := kinds[u]; !ok || got != want {
			t.Errorf("kind of %s = %d (listed %v), want %d", id, got, ok, want)
		}
	}
	if u := g.Unit("example.com/mod/b.test"); u == nil {
		t.Errorf("the test main is not listed")
	} else if _, ok := kinds[u]; ok {
		t.Errorf("the test main is analysed")
	}
}

// Facts cross packages: a's say that a.Drain closes the body of b.Fetch
// and a.Peek does not close that of b.Peeked. b's findings are reported
// once, in the variant with tests.
func TestFindings(t *testing.T) {
	_, g := listModule(t)
	got, _ := run(t, g, nil)
	want := []string{
		"example.com/mod/b b.go:23: unclosed: unclosed: resp.Body from http.Get is never closed",
		"example.com/mod/b b.go:33: unclosed: unclosed: resp.Body from http.Get is never closed",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d = %s, want %s...", i, got[i], want[i])
		}
	}
}

// A re-run with nothing changed analyses nothing and reports the same; an
// edit of the external test analyses it again, with the test variants it
// imports checked again for their types (their importers need them), and
// nothing else.
func TestCache(t *testing.T) {
	dir, g := listModule(t)
	cache := &memoryCache{m: make(map[string][]byte)}
	first, n := run(t, g, cache)
	if n == 0 {
		t.Fatal("the first run analysed nothing")
	}
	again, n := run(t, relist(t, dir), cache)
	if n != 0 || !slices.Equal(again, first) {
		t.Errorf("re-run: analysed %d units, findings\n%s\nwant 0 and\n%s", n, strings.Join(again, "\n"), strings.Join(first, "\n"))
	}
	xtest := filepath.Join(dir, "b", "x_test.go")
	f, err := os.OpenFile(xtest, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "// an edit")
	f.Close()
	touched, n := run(t, relist(t, dir), cache)
	// b_test [b.test] for diagnostics; b [b.test] and c [b.test] again
	// for the types b_test imports (d [b.test], blank only, is types
	// alone and not counted).
	if n != 3 || !slices.Equal(touched, first) {
		t.Errorf("after an edit of the external test: analysed %d units, findings\n%s\nwant 3 and\n%s", n, strings.Join(touched, "\n"), strings.Join(first, "\n"))
	}
	// An edit of c: c, c [b.test] and the external test that imports it,
	// with b [b.test] checked again for its types; few enough to be
	// analysed one at a time, each reading its imports' export data only,
	// with the same facts (b's, through b_test's imports) and findings.
	cfile := filepath.Join(dir, "c", "c.go")
	f, err = os.OpenFile(cfile, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "// an edit")
	f.Close()
	g = relist(t, dir)
	touched, n = run(t, g, cache)
	if n != 4 || n > fewUnits || !slices.Equal(touched, first) {
		t.Errorf("after an edit of c: analysed %d units, findings\n%s\nwant 4, one at a time, and\n%s", n, strings.Join(touched, "\n"), strings.Join(first, "\n"))
	}
}

// The type checker gets go vet's language version: a module's own, the
// go command's default for a go.mod without a go directive (not none,
// under which the engine's version-dependent kinds, timers before go1.23,
// would differ), and the toolchain's outside modules.
func TestGoVersion(t *testing.T) {
	for _, c := range []struct {
		module *Module
		want   string
	}{
		{&Module{Path: "m", GoVersion: "1.23"}, "go1.23"},
		{&Module{Path: "m"}, "go1.16"},
		{nil, "go1.26.8"},
	} {
		if got := goVersion(&Unit{ID: "p", Module: c.module}, "go1.26.8"); got != c.want {
			t.Errorf("goVersion(module %+v) = %q, want %q", c.module, got, c.want)
		}
	}
}

// A unit's key names the list each file is in: a build constraint that
// now holds moves a file from the ignored files to the compiled ones,
// with the same names and contents.
func TestKeyNamesTheFileLists(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.go", "z.go"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("package p\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	key := func(goFiles, ignored []string) string {
		u := &Unit{ID: "p", Dir: dir, GoFiles: goFiles, IgnoredGoFiles: ignored}
		g := &Graph{Units: []*Unit{u}, byID: map[string]*Unit{"p": u}}
		r := &runner{g: g}
		keys, err := r.keys(g.Units, map[*Unit]unitKind{u: forDiagnostics})
		if err != nil {
			t.Fatal(err)
		}
		return keys[u]
	}
	ignored := key([]string{"a.go"}, []string{"z.go"})
	if again := key([]string{"a.go"}, []string{"z.go"}); again != ignored {
		t.Errorf("the same unit has two keys: %s and %s", ignored, again)
	}
	if compiled := key([]string{"a.go", "z.go"}, nil); compiled == ignored {
		t.Errorf("z.go compiled and z.go ignored have the same key %s", compiled)
	}
}

// A package of the standard library named by the patterns is not this
// route's (the table summarises it): Run says so, and the caller takes go
// vet's route.
func TestStandardLibraryRootIsUnsupported(t *testing.T) {
	g, err := List(context.Background(), Listing{Dir: t.TempDir(), Patterns: []string{"errors"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), g, Config{Analyzers: analyzers.All()}); !errors.Is(err, errUnsupported) {
		t.Errorf("Run on errors: %v, want errUnsupported", err)
	}
}

// blankOnlyOf lists testdata/blankmod with patterns and returns its
// blank-only units.
func blankOnlyOf(t *testing.T, patterns ...string) ([]string, error) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "blankmod"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := List(context.Background(), Listing{Dir: dir, Patterns: patterns, Env: append(os.Environ(), "GOWORK=off")})
	if err != nil {
		t.Fatal(err)
	}
	return g.BlankOnly()
}

// The driver-like package imported blank, what only it reaches (by name
// or blank) and what a test file imports blank are blank-only; a package
// the driver uses that another package imports by name is not, and
// neither are the roots and the standard library.
func TestBlankOnly(t *testing.T) {
	got, err := blankOnlyOf(t, "./app")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"example.com/mod/chained", "example.com/mod/drv", "example.com/mod/drvlib", "example.com/mod/testdrv"}
	if !slices.Equal(got, want) {
		t.Errorf("BlankOnly = %q, want %q", got, want)
	}
}

// Analysing the driver itself reaches what it imports by name.
func TestBlankOnlyFromTheDriver(t *testing.T) {
	got, err := blankOnlyOf(t, "./drv")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"example.com/mod/chained"}; !slices.Equal(got, want) {
		t.Errorf("BlankOnly = %q, want %q", got, want)
	}
}

// A pattern that matches nothing known is an error, never a set.
func TestBlankOnlyOfAMissingPackage(t *testing.T) {
	if got, err := blankOnlyOf(t, "./nosuch"); err == nil {
		t.Errorf("BlankOnly of a missing package = %q, want an error", got)
	}
}
