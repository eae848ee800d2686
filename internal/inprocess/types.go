package inprocess

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/gcexportdata"
)

// typeSource gives each analysed unit the types of its imports, each
// package read once for the whole run: the compiler's export data for
// every unit but test variants, whose importers get the types their
// source check produced. Export data never names a test variant (only
// the test's own units import one), so one map of packages by import
// path serves every unit, and a variant stands in for its path only for
// the importers that name it.
type typeSource struct {
	fset *token.FileSet
	g    *Graph

	mu       sync.Mutex
	byPath   map[string]*types.Package // export data read so far, by import path
	read     map[*Unit]bool            // units whose export data was read
	variants map[*Unit]*types.Package  // the source types of test variants checked so far

	// shallow makes prepare read the direct imports only, for a run that
	// checks one unit at a time (see Run). A read can then add objects
	// to packages read before in part; reads counts them.
	shallow bool
	reads   atomic.Int64

	// unitOf is the unit each package of a unit's view stands for, which
	// the facts of every import ask for: a lock of its own, not held
	// while export data is read.
	unitMu sync.RWMutex
	unitOf map[*types.Package]*Unit
}

func newTypeSource(fset *token.FileSet, g *Graph) *typeSource {
	return &typeSource{
		fset:     fset,
		g:        g,
		byPath:   make(map[string]*types.Package),
		read:     make(map[*Unit]bool),
		variants: make(map[*Unit]*types.Package),
		unitOf:   make(map[*types.Package]*Unit),
	}
}

// prepare reads the export data of every unit u depends on, directly or
// not, before u is checked: a check then only reads complete packages,
// which other units' imports never change.
func (s *typeSource) prepare(u *Unit) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shallow {
		for _, id := range u.Imports {
			if d := s.g.byID[id]; d != nil && !d.variant() {
				if _, err := s.typesOf(d); err != nil {
					return err
				}
			}
		}
		return nil
	}
	seen := make(map[*Unit]bool)
	// Test variants among them were checked from source before u: their
	// importers' types hold them.
	var visit func(*Unit) error
	visit = func(u *Unit) error {
		for _, id := range u.Imports {
			d := s.g.byID[id]
			if d == nil || seen[d] {
				continue
			}
			seen[d] = true
			if err := visit(d); err != nil {
				return err
			}
			if d.variant() {
				continue
			}
			if _, err := s.typesOf(d); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(u)
}

// importer returns the importer of u's check.
func (s *typeSource) importer(u *Unit) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		d := s.g.byID[u.importID(path)]
		if d == nil {
			return nil, fmt.Errorf("%s imports %q, which the build does not list", u.ID, path)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.typesOf(d)
	})
}

// typesOf returns the types of unit d as its importers see them; s.mu is
// held.
func (s *typeSource) typesOf(d *Unit) (*types.Package, error) {
	if d.ID == "unsafe" {
		return types.Unsafe, nil
	}
	if d.variant() {
		if pkg := s.variants[d]; pkg != nil {
			return pkg, nil
		}
		return nil, fmt.Errorf("the types of %s are not checked yet", d.ID)
	}
	if s.read[d] {
		return s.byPath[d.ID], nil
	}
	if d.Export == "" {
		return nil, fmt.Errorf("no export data for %s", d.ID)
	}
	f, err := os.Open(d.Export)
	if err != nil {
		return nil, fmt.Errorf("reading the export data of %s: %w", d.ID, err)
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading the export data of %s: %w", d.ID, err)
	}
	pkg, err := gcexportdata.Read(r, s.fset, s.byPath, d.ID)
	if err != nil {
		return nil, fmt.Errorf("reading the export data of %s: %w", d.ID, err)
	}
	s.read[d] = true
	s.reads.Add(1)
	s.unitMu.Lock()
	s.unitOf[pkg] = d
	s.unitMu.Unlock()
	return pkg, nil
}

// checked records the source types of a test variant for its importers.
func (s *typeSource) checked(u *Unit, pkg *types.Package) {
	s.mu.Lock()
	s.variants[u] = pkg
	s.mu.Unlock()
	s.unitMu.Lock()
	s.unitOf[pkg] = u
	s.unitMu.Unlock()
}

// releaseTest forgets the source types of the variants of test t and
// returns them.
func (s *typeSource) releaseTest(t string) []*types.Package {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*types.Package
	for u, pkg := range s.variants {
		if u.test() == t {
			out = append(out, pkg)
			delete(s.variants, u)
		}
	}
	s.unitMu.Lock()
	for _, pkg := range out {
		delete(s.unitOf, pkg)
	}
	s.unitMu.Unlock()
	return out
}

// unit returns the unit pkg stands for, or nil.
func (s *typeSource) unit(pkg *types.Package) *Unit {
	s.unitMu.RLock()
	u, ok := s.unitOf[pkg]
	s.unitMu.RUnlock()
	if ok {
		return u
	}
	// A package an import's export data refers to, not read itself
	// (shallow): the unit of its path, if the package is that path's.
	s.mu.Lock()
	if d := s.g.byID[pkg.Path()]; d != nil && !d.variant() && s.byPath[pkg.Path()] == pkg {
		u = d
	}
	s.mu.Unlock()
	s.unitMu.Lock()
	s.unitOf[pkg] = u
	s.unitMu.Unlock()
	return u
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
