package inprocess

import (
	"bytes"
	"container/heap"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// A Cache keeps the result of each unit between runs, by a key that
// covers everything the result depends on.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte) error
}

// Config says how Run analyses a graph.
type Config struct {
	Analyzers []*analysis.Analyzer // the suite
	// Salt is what the results depend on besides the units' files and
	// types: the tool, its flags, the environment.
	Salt string
	// Cache, if not nil, keeps each unit's result for later runs.
	Cache Cache
	// Findings encodes the reports of one unit analysed for diagnostics,
	// for the cache and for the caller; the positions are in fset. pkg is
	// the unit's import path, which is how go vet names a test variant.
	Findings func(fset *token.FileSet, pkg string, diags []Diagnostic) ([]byte, error)
	// GoVersion is the go command's version ("go1.26.8"), the language
	// version of packages outside modules.
	GoVersion string
	// GOARCH is the target architecture, as the go command sees it; ""
	// is the host's.
	GOARCH string
	// Immutable reports whether a file can be named by its path alone in
	// a cache key (the module cache); nil: none can.
	Immutable func(name string) bool
}

// Result is what Run found.
type Result struct {
	Roots    []*Unit  // the units analysed for diagnostics, as go vet picks them
	Findings [][]byte // for each root, what Config.Findings encoded
	Analysed int      // units analysed in this run (the others came from the cache)
}

// unitKind says what a run does with a unit.
type unitKind int

const (
	typesOnly      unitKind = iota // types only: the standard library, dependencies reached only through blank imports
	forFacts                       // the engine alone, for its importers
	forDiagnostics                 // the whole suite: a package (variant) the patterns name
)

// runner is the state of one Run.
type runner struct {
	cfg       Config
	g         *Graph
	fset      *token.FileSet
	analyzers []*analysis.Analyzer
	types     *typeSource
	facts     *factStore
	sizes     types.Sizes
	// sequential analyses one unit at a time.
	sequential bool
	mu         sync.Mutex
}

// fewUnits is the most units a run analyses one at a time.
const fewUnits = 4

// Run analyses the units of g as go vet would: the patterns' packages
// with their tests for diagnostics, their dependencies outside the
// standard library for facts, in one process, each unit once and every
// package's types read once. A unit whose key is in the cache is not
// analysed again. An error (a unit that does not load or type-check) means
// no result: the caller should take the go command's route, which words
// such errors.
func Run(ctx context.Context, g *Graph, cfg Config) (*Result, error) {
	roots := g.Roots()
	if len(roots) == 0 {
		return nil, fmt.Errorf("%w: no packages to analyse", errUnsupported)
	}
	kinds := g.kinds(roots)
	for _, u := range roots {
		if kinds[u] != forDiagnostics {
			// A package of the standard library: the table summarises it.
			return nil, fmt.Errorf("%w: %s is in the standard library", errUnsupported, u.ID)
		}
	}
	var needed []*Unit
	for _, u := range g.Units {
		if _, ok := kinds[u]; ok {
			needed = append(needed, u)
		}
	}
	if err := loadErrors(needed); err != nil {
		return nil, err
	}
	for _, a := range inOrder(cfg.Analyzers) {
		for _, t := range a.FactTypes {
			gob.Register(t)
		}
	}
	goarch := cfg.GOARCH
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	r := &runner{cfg: cfg, g: g, fset: token.NewFileSet(), analyzers: cfg.Analyzers, sizes: types.SizesFor("gc", goarch)}
	if r.sizes == nil {
		return nil, fmt.Errorf("%w: no sizes for GOARCH %q", errUnsupported, goarch)
	}
	r.types = newTypeSource(r.fset, g)
	r.facts = newFactStore(r.types)

	keys, err := r.keys(needed, kinds)
	if err != nil {
		return nil, err
	}
	importers := g.importers(needed)
	findings, misses := r.lookup(needed, kinds, keys, importers)
	var analysed []*Unit
	for _, u := range needed {
		if misses[u] {
			analysed = append(analysed, u)
		}
	}
	if err := g.compiled(ctx, analysed); err != nil {
		return nil, err
	}
	// A few units (a run after an edit) are analysed one at a time, each
	// reading its imports' export data only: no other check can be
	// reading a package that an import fills in. More run in parallel,
	// each after the export data of all it depends on is read.
	r.sequential = len(analysed) <= fewUnits
	r.types.shallow = r.sequential
	if err := g.exports(ctx, analysed, !r.sequential); err != nil {
		return nil, err
	}
	res := &Result{Roots: roots}
	err = r.schedule(ctx, needed, misses, importers, func(u *Unit, ur *unitResult) error {
		if kinds[u] == typesOnly {
			return nil
		}
		r.facts.set(u, ur.facts)
		var data []byte
		if kinds[u] == forDiagnostics {
			var err error
			if data, err = cfg.Findings(r.fset, u.path(), ur.diags); err != nil {
				return err
			}
		}
		r.store(keys[u], cacheEntry{Facts: ur.facts, Findings: data})
		r.mu.Lock()
		findings[u] = data
		res.Analysed++
		r.mu.Unlock()
		return nil
	}, kinds)
	if err != nil {
		return nil, err
	}
	for _, u := range roots {
		res.Findings = append(res.Findings, findings[u])
	}
	return res, nil
}

// lookup takes from the cache what it holds of the units: their facts,
// kept for their importers, and their findings. It returns the findings
// by unit and the units to analyse: those the cache lacks, and the test
// variants they import, whose types come from their source.
func (r *runner) lookup(units []*Unit, kinds map[*Unit]unitKind, keys map[*Unit]string, importers map[*Unit][]*Unit) (findings map[*Unit][]byte, misses map[*Unit]bool) {
	findings = make(map[*Unit][]byte)
	misses = make(map[*Unit]bool)
	for _, u := range units {
		if kinds[u] == typesOnly {
			continue // a test variant among them is checked below if needed
		}
		if e, ok := r.cached(keys[u]); ok {
			r.facts.set(u, e.Facts)
			findings[u] = e.Findings
			continue
		}
		misses[u] = true
	}
	for i := len(units) - 1; i >= 0; i-- { // importers first
		u := units[i]
		if u.variant() && !misses[u] {
			for _, imp := range importers[u] {
				if misses[imp] {
					misses[u] = true
					break
				}
			}
		}
	}
	return findings, misses
}

// Roots returns the units go vet analyses for diagnostics: for each
// package the patterns name, the package with its in-package tests (or
// the package alone, when it has none) and its external test package.
func (g *Graph) Roots() []*Unit {
	var roots []*Unit
	for _, u := range g.Units {
		if u.DepOnly || u.variant() || u.testMain() || u.Standard && u.ForTest != "" {
			continue
		}
		if t := g.byID[u.ID+" ["+u.ID+".test]"]; t != nil && len(u.TestGoFiles) > 0 {
			roots = append(roots, t)
		} else if len(u.GoFiles)+len(u.CgoFiles) > 0 {
			roots = append(roots, u) // no in-package tests, or tests left out
		}
		if len(u.XTestGoFiles) > 0 {
			if x := g.byID[u.ID+"_test ["+u.ID+".test]"]; x != nil {
				roots = append(roots, x)
			}
		}
	}
	return roots
}

// BlankOnly returns, sorted, the IDs of the units outside the standard
// library that the patterns' packages reach only through blank imports
// (package blankdeps); an error when go list could not load the build.
func (g *Graph) BlankOnly() ([]string, error) {
	if err := loadErrors(g.Units); err != nil {
		return nil, err
	}
	return g.blankOnly(), nil
}

func (g *Graph) blankOnly() []string {
	var listed []*blankdeps.Package
	for _, u := range g.Units {
		listed = append(listed, &blankdeps.Package{
			ImportPath: u.ID, Dir: u.Dir, Standard: u.Standard, DepOnly: u.DepOnly,
			GoFiles: u.GoFiles, CgoFiles: u.CgoFiles, ImportMap: u.ImportMap, Imports: u.Imports,
		})
	}
	return blankdeps.Of(listed)
}

// kinds returns what the run does with each unit the roots depend on.
func (g *Graph) kinds(roots []*Unit) map[*Unit]unitKind {
	blankOnly := make(map[string]bool)
	for _, id := range g.blankOnly() {
		blankOnly[id] = true
	}
	kinds := make(map[*Unit]unitKind)
	var visit func(u *Unit, k unitKind)
	visit = func(u *Unit, k unitKind) {
		if u.Standard || blankOnly[u.ID] || u.ID == "unsafe" {
			k = typesOnly
		}
		if old, ok := kinds[u]; ok && old >= k {
			return
		}
		kinds[u] = k
		for _, id := range u.Imports {
			if d := g.byID[id]; d != nil {
				visit(d, forFacts)
			}
		}
	}
	for _, u := range roots {
		visit(u, forDiagnostics)
	}
	return kinds
}

// importers returns, for each unit of units, the units of units that
// import it.
func (g *Graph) importers(units []*Unit) map[*Unit][]*Unit {
	in := make(map[*Unit]bool, len(units))
	for _, u := range units {
		in[u] = true
	}
	out := make(map[*Unit][]*Unit)
	for _, u := range units {
		for _, id := range u.Imports {
			if d := g.byID[id]; d != nil && in[d] {
				out[d] = append(out[d], u)
			}
		}
	}
	return out
}

// keys returns the cache key of each unit: a hash of the run's salt, the
// unit, how it is analysed, its files, and its imports' keys; the
// standard library is named by its path alone, the salt naming the
// toolchain. A key thus covers everything the unit's types, facts and
// diagnostics depend on.
func (r *runner) keys(units []*Unit, kinds map[*Unit]unitKind) (map[*Unit]string, error) {
	keys := make(map[*Unit]string, len(units))
	for _, u := range units { // dependencies first
		if u.Standard {
			// The run's salt names the toolchain and the environment.
			keys[u] = "std " + u.ID
			continue
		}
		h := sha256.New()
		fmt.Fprintf(h, "leakvet unit v2\n%s\nunit %q kind %d go %q\n", r.cfg.Salt, u.ID, kinds[u], goVersion(u, r.cfg.GoVersion))
		if u.Module != nil {
			fmt.Fprintf(h, "module %q %q\n", u.Module.Path, u.Module.Version)
		}
		// Each list by name: build constraints move files between them.
		for _, list := range u.sources() {
			for _, name := range list.files {
				name = absolute(u.Dir, name)
				if r.cfg.Immutable != nil && r.cfg.Immutable(name) {
					fmt.Fprintf(h, "%s %q\n", list.name, name)
					continue
				}
				sum, err := fileSum(name)
				if err != nil {
					return nil, fmt.Errorf("keying %s: %w", u.ID, err)
				}
				fmt.Fprintf(h, "%s %q %x\n", list.name, name, sum)
			}
		}
		for _, id := range u.Imports {
			if id == "C" {
				continue // cgo's pseudo-package: its inputs are the unit's files
			}
			d := r.g.byID[id]
			if d == nil || keys[d] == "" {
				return nil, fmt.Errorf("%w: %s imports %s, which go list did not list before it", errUnsupported, u.ID, id)
			}
			fmt.Fprintf(h, "import %q %s\n", id, keys[d])
		}
		keys[u] = hex.EncodeToString(h.Sum(nil))
	}
	return keys, nil
}

// fileSum returns the SHA-256 of the content of the file name.
func fileSum(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// cacheEntry is the cached result of a unit.
type cacheEntry struct {
	Facts    []byte
	Findings []byte
}

// cached returns the cached result under key.
func (r *runner) cached(key string) (cacheEntry, bool) {
	var e cacheEntry
	if r.cfg.Cache == nil {
		return e, false
	}
	data, ok := r.cfg.Cache.Get("unit-" + key)
	if !ok || gob.NewDecoder(bytes.NewReader(data)).Decode(&e) != nil {
		return e, false
	}
	return e, true
}

// store caches e under key; a failure only costs the next run time.
func (r *runner) store(key string, e cacheEntry) {
	if r.cfg.Cache == nil {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(e) == nil {
		r.cfg.Cache.Put("unit-"+key, buf.Bytes())
	}
}

// schedule analyses the units of misses, each after the misses it
// imports, on as many goroutines as the process may run at once, and
// hands each result to done. The first error stops it.
func (r *runner) schedule(ctx context.Context, units []*Unit, misses map[*Unit]bool, importers map[*Unit][]*Unit, done func(*Unit, *unitResult) error, kinds map[*Unit]unitKind) error {
	pending := make(map[*Unit]int)
	ready := &unitHeap{}
	for _, u := range units {
		if !misses[u] {
			continue
		}
		n := 0
		for _, id := range u.Imports {
			if d := r.g.byID[id]; d != nil && misses[d] {
				n++
			}
		}
		pending[u] = n
		if n == 0 {
			heap.Push(ready, u)
		}
	}
	// A test variant's source types stay until every unit of its test
	// is done: the test's other units reach them through its importers'
	// types, and see facts about them.
	left := make(map[string]int) // misses by test ("" outside tests)
	for u := range pending {
		left[u.test()]++
	}
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		running  int
		todo     = len(pending)
		firstErr error
	)
	finish := func(u *Unit, ur *unitResult, err error) {
		if err == nil {
			if u.variant() {
				r.types.checked(u, ur.pkg)
			}
			err = safely(func() error { return done(u, ur) })
		}
		mu.Lock()
		defer mu.Unlock()
		running--
		todo--
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if t := u.test(); t != "" {
			if left[t]--; left[t] == 0 {
				r.releaseTest(t)
			}
		}
		for _, imp := range importers[u] {
			if misses[imp] {
				if pending[imp]--; pending[imp] == 0 {
					heap.Push(ready, imp)
				}
			}
		}
		cond.Broadcast()
	}
	workers := runtime.GOMAXPROCS(0)
	if r.sequential {
		workers = 1
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				for ready.Len() == 0 && running > 0 && firstErr == nil && ctx.Err() == nil {
					cond.Wait()
				}
				if ready.Len() == 0 || firstErr != nil || ctx.Err() != nil {
					mu.Unlock()
					return
				}
				u := heap.Pop(ready).(*Unit)
				running++
				mu.Unlock()
				ur, err := r.analyse(u, kinds[u])
				finish(u, ur, err)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if todo > 0 {
		return fmt.Errorf("%w: %d units wait on an import cycle", errUnsupported, todo)
	}
	return nil
}

// safely calls f, turning a panic into an error: the caller then takes
// go vet's route rather than crashing.
func safely(f func() error) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("panic: %v", x)
		}
	}()
	return f()
}

// releaseTest forgets the source types of the variants of test t and
// their facts.
func (r *runner) releaseTest(t string) {
	for _, pkg := range r.types.releaseTest(t) {
		r.facts.forget(pkg)
	}
}

// unitHeap orders ready units as go list listed them.
type unitHeap []*Unit

func (h unitHeap) Len() int           { return len(h) }
func (h unitHeap) Less(i, j int) bool { return h[i].index < h[j].index }
func (h unitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *unitHeap) Push(x any)        { *h = append(*h, x.(*Unit)) }
func (h *unitHeap) Pop() any {
	old := *h
	u := old[len(old)-1]
	*h = old[:len(old)-1]
	return u
}

// InDir reports whether name is inside dir.
func InDir(name, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, name)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
