package blankdeps

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
)

// Package is the part of `go list -json` output the reach needs: one
// package of the build.
type Package struct {
	ImportPath string
	Dir        string
	Standard   bool
	DepOnly    bool
	GoFiles    []string
	CgoFiles   []string
	ImportMap  map[string]string
	Imports    []string
}

// Of returns, sorted, the import paths of the non-standard packages of
// pkgs, a run's build as `go list -deps -test` lists it, that no package
// the patterns match reaches through named imports: it walks the named
// imports from the roots (the packages not listed only as dependencies).
// A package whose files cannot be read or parsed (the generated main of a
// test binary lives in the build cache) counts all its imports as named.
func Of(pkgs []*Package) []string {
	byPath := make(map[string]*Package, len(pkgs))
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	reached := make(map[string]bool)
	var queue []*Package
	reach := func(path string) {
		if p, ok := byPath[path]; ok && !p.Standard && !reached[path] {
			reached[path] = true
			queue = append(queue, p)
		}
	}
	for _, p := range pkgs {
		if !p.DepOnly {
			reach(p.ImportPath)
		}
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if allReached(p.Imports, byPath, reached) {
			continue // its files cannot tell anything new
		}
		named, err := namedImports(p)
		if err != nil {
			named = p.Imports
		}
		for _, path := range named {
			reach(path)
		}
	}
	var out []string
	for _, p := range pkgs {
		if !p.Standard && !reached[p.ImportPath] {
			out = append(out, p.ImportPath)
		}
	}
	sort.Strings(out)
	return out
}

// allReached reports whether every non-standard package of paths is
// reached already.
func allReached(paths []string, byPath map[string]*Package, reached map[string]bool) bool {
	for _, path := range paths {
		if p, ok := byPath[path]; ok && !p.Standard && !reached[path] {
			return false
		}
	}
	return true
}

// namedImports returns the packages p's files import by a name of their
// own or the package's (not `_`), resolved through p's import map. "C"
// and "unsafe" are not packages of the build.
func namedImports(p *Package) ([]string, error) {
	fset := token.NewFileSet()
	var out []string
	for _, name := range append(append([]string(nil), p.GoFiles...), p.CgoFiles...) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("reading the imports of %s: %w", p.ImportPath, err)
		}
		for _, spec := range f.Imports {
			if spec.Name != nil && spec.Name.Name == "_" {
				continue
			}
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return nil, fmt.Errorf("reading the imports of %s: %w", p.ImportPath, err)
			}
			if path == "C" || path == "unsafe" {
				continue
			}
			if mapped, ok := p.ImportMap[path]; ok {
				path = mapped
			}
			out = append(out, path)
		}
	}
	return out, nil
}
