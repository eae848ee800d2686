package inprocess

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"sort"
	"strings"
)

// A Unit is one package variant of the build, as go vet would analyse it:
// a package, its variant with in-package tests ("p [p.test]"), its
// external test package, or a dependency recompiled for a test.
type Unit struct {
	ID              string   // go list's ImportPath: "p", "p [p.test]", "p_test [p.test]"
	Name            string   // the package name
	Dir             string   // the package's directory
	Standard        bool     // in the standard library
	DepOnly         bool     // listed only as a dependency of the patterns' packages
	ForTest         string   // the package whose test built this variant, if any
	GoFiles         []string // non-test Go files, without cgo files
	CgoFiles        []string // files that import "C"
	CFiles          []string // C, C++, header and SWIG files: cgo's inputs
	CXXFiles        []string
	HFiles          []string
	SwigFiles       []string
	SwigCXXFiles    []string
	TestGoFiles     []string          // in-package test files
	XTestGoFiles    []string          // external test files (of the package, not of this unit)
	CompiledGoFiles []string          // the files type-checked, cgo output included (see compiled)
	IgnoredGoFiles  []string          // files left out by build constraints
	ImportMap       map[string]string // import path in the source -> ID, where they differ
	Imports         []string          // IDs of the direct imports
	Export          string            // compiler export data, for units not analysed from source
	Module          *Module           // the module holding the package; nil in std
	Incomplete      bool              // go list could not load it whole
	Error           *struct{ Err string }
	DepsErrors      []*struct{ Err string }

	index int // position in the graph's order
}

// Module is the part of go list's module description a unit needs.
type Module struct {
	Path      string
	Version   string
	Dir       string
	GoVersion string
	Main      bool
	Replace   *Module
}

// variant reports whether the unit is a test's recompilation of its
// package: the go command builds no export data for it outside the test,
// so its importers get its types from its source.
func (u *Unit) variant() bool { return strings.Contains(u.ID, " [") }

// testMain reports whether the unit is a test binary's generated main.
func (u *Unit) testMain() bool { return strings.HasSuffix(u.ID, ".test") && !u.variant() }

// path returns the unit's import path, without its test variant suffix.
func (u *Unit) path() string {
	if i := strings.Index(u.ID, " ["); i >= 0 {
		return u.ID[:i]
	}
	return u.ID
}

// test returns the test binary the unit is a variant for ("p.test"), or
// "" outside tests.
func (u *Unit) test() string {
	if i := strings.Index(u.ID, " ["); i >= 0 {
		return strings.TrimSuffix(u.ID[i+2:], "]")
	}
	return ""
}

// importID resolves an import path of the unit's source to the ID of the
// unit it names.
func (u *Unit) importID(path string) string {
	if id, ok := u.ImportMap[path]; ok {
		return id
	}
	return path
}

// listFields are the fields of Unit that go list fills.
const listFields = "ImportPath,Name,Dir,Standard,DepOnly,ForTest,GoFiles,CgoFiles,CFiles,CXXFiles,HFiles,SwigFiles,SwigCXXFiles,TestGoFiles,XTestGoFiles,IgnoredGoFiles,ImportMap,Imports,Module,Incomplete,Error,DepsErrors"

// usesCgo reports whether the files the unit compiles are cgo's output
// rather than its Go files.
func (u *Unit) usesCgo() bool {
	return len(u.CgoFiles)+len(u.SwigFiles)+len(u.SwigCXXFiles) > 0
}

// fileList is one of go list's lists of a package's files.
type fileList struct {
	name  string
	files []string
}

// sources returns the lists of the unit's files that decide what it
// compiles.
func (u *Unit) sources() []fileList {
	return []fileList{
		{"go", u.GoFiles}, {"cgo", u.CgoFiles}, {"c", u.CFiles}, {"cxx", u.CXXFiles}, {"h", u.HFiles},
		{"swig", u.SwigFiles}, {"swigcxx", u.SwigCXXFiles}, {"ignored", u.IgnoredGoFiles},
	}
}

// Graph is the build of a run: every unit, the patterns' packages and
// their tests, and their dependencies, in go list's order (dependencies
// first).
type Graph struct {
	Units   []*Unit
	byID    map[string]*Unit
	listing Listing
}

// Unit returns the unit with the given ID, or nil.
func (g *Graph) Unit(id string) *Unit { return g.byID[id] }

// A Listing says what List lists: the directory the patterns are
// resolved in ("" is the working directory), the patterns, the build
// tags, and the environment of the go command (nil is the process's).
type Listing struct {
	Dir      string
	Patterns []string
	Tags     string
	Env      []string
	// NoTests leaves test files out: the packages are analysed as they
	// are built, without their tests.
	NoTests bool
}

// List lists the build of l, test variants included. Export data is
// asked for later, for the units whose importers are analysed (exports),
// and so are cgo's output files, for the cgo units analysed (compiled).
func List(ctx context.Context, l Listing) (*Graph, error) {
	args := []string{"-deps", "-test", "-json=" + listFields}
	if l.NoTests {
		args = slices.Delete(args, 1, 2)
	}
	units, err := goList(ctx, l, args...)
	if err != nil {
		return nil, err
	}
	g := &Graph{Units: units, byID: make(map[string]*Unit, len(units)), listing: l}
	for i, u := range units {
		u.index = i
		g.byID[u.ID] = u
		if !u.usesCgo() {
			u.CompiledGoFiles = u.GoFiles
		}
	}
	return g, nil
}

// compiled fills in the compiled files of the cgo units among units, and
// what those import: with
// a go list of those packages, or of the whole build again when one is a
// test variant, which go list names only within its test.
func (g *Graph) compiled(ctx context.Context, units []*Unit) error {
	var paths []string
	variant := false
	for _, u := range units {
		if u.usesCgo() && u.CompiledGoFiles == nil {
			paths = append(paths, u.ID)
			variant = variant || u.variant()
		}
	}
	if len(paths) == 0 {
		return nil
	}
	l := g.listing
	args := []string{"-compiled", "-json=ImportPath,CompiledGoFiles,Imports"}
	if variant {
		args = append([]string{"-deps", "-test"}, args...) // variants exist only with tests
	} else {
		l.Patterns = paths
	}
	listed, err := goList(ctx, l, args...)
	if err != nil {
		return err
	}
	for _, c := range listed {
		if u := g.byID[c.ID]; u != nil && u.usesCgo() {
			// cgo's output imports more (runtime/cgo, syscall).
			u.CompiledGoFiles, u.Imports = c.CompiledGoFiles, c.Imports
		}
	}
	for _, u := range units {
		if u.usesCgo() && u.CompiledGoFiles == nil {
			return fmt.Errorf("%w: go list gave no compiled files for %s", errUnsupported, u.ID)
		}
	}
	return nil
}

// exports fills in the export data of the imports of units, and of their
// dependencies when deep, with one go list run (which compiles what the
// build cache lacks). Test variants have none (unless tests were built); they are
// analysed from source, and their importers get their types from it.
func (g *Graph) exports(ctx context.Context, units []*Unit, deep bool) error {
	seen := make(map[string]bool)
	var patterns []string
	for _, u := range units {
		for _, id := range u.Imports {
			if d := g.byID[id]; d != nil && !d.variant() && d.Export == "" && id != "unsafe" && !seen[id] {
				seen[id] = true
				patterns = append(patterns, id)
			}
		}
	}
	if len(patterns) == 0 {
		return nil
	}
	sort.Strings(patterns)
	l := g.listing
	l.Patterns = patterns
	args := []string{"-export", "-json=ImportPath,Export"}
	if deep {
		args = append([]string{"-deps"}, args...)
	}
	exports, err := goList(ctx, l, args...)
	if err != nil {
		return err
	}
	for _, e := range exports {
		if u := g.byID[e.ID]; u != nil && !u.variant() {
			u.Export = e.Export
		}
	}
	return nil
}

// goList runs go list with args over the patterns of l and decodes its
// output.
func goList(ctx context.Context, l Listing, args ...string) ([]*Unit, error) {
	args = append([]string{"list", "-e"}, args...)
	if l.Tags != "" {
		args = append(args, "-tags="+l.Tags)
	}
	args = append(args, "--")
	args = append(args, l.Patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = l.Dir
	cmd.Env = l.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("listing the packages: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var units []*Unit
	dec := json.NewDecoder(&stdout)
	for {
		var u struct {
			Unit
			ImportPath string
			Export     string
		}
		if err := dec.Decode(&u); err == io.EOF {
			return units, nil
		} else if err != nil {
			return nil, fmt.Errorf("decoding go list's output: %w", err)
		}
		unit := u.Unit
		unit.ID = u.ImportPath
		unit.Export = u.Export
		units = append(units, &unit)
	}
}
