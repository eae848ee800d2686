package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"go/types"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// blankOnlyDep reports whether the run that started go vet found
// importPath among the dependencies it reaches only through blank imports
// (the set file named by blankdeps.Env). The tool's build ID mixes in the
// set (versionFlag), so answers given for one set are never reused by a
// run with another set or none.
func blankOnlyDep(importPath string) bool {
	data, err := blankdeps.ReadFile()
	if err != nil || len(data) == 0 {
		return false
	}
	return blankdeps.Parse(data)[importPath]
}

// blankOnlyVetx answers a unit of a blank-only dependency: a package of
// its name with no declarations, and no facts. Nothing needs more: an
// analysed package that imports it imports it blank (a named import would
// have reached it), which declares nothing, and a package that imports it
// by name is itself blank-only and answered the same way, without
// type-checking. Had the set wrongly left out a package that imports this
// one by name, that package would fail to type-check and go vet with it,
// and the driver would analyse in process: a wrong set is loud, never a
// silently missing fact.
func blankOnlyVetx(cfg *unitConfig) ([]byte, error) {
	if len(cfg.GoFiles) == 0 {
		return nil, fmt.Errorf("%s has no Go files", cfg.ImportPath)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, cfg.GoFiles[0], nil, parser.PackageClauseOnly)
	if err != nil {
		return nil, fmt.Errorf("reading the package name of %s: %w", cfg.ImportPath, err)
	}
	pkg := types.NewPackage(cfg.ImportPath, f.Name.Name)
	pkg.MarkComplete()
	return factlessVetx(fset, pkg)
}
