package main

import (
	"github.com/leakvet/leakvet/internal/blankdeps"
)

// blankOnlyDep reports whether the run that started go vet found
// importPath among the dependencies it reaches only through blank imports
// (the set file named by blankdeps.Env). No analysed package can name an
// object of such a package, so its facts would never be read. The tool's
// build ID mixes in the set (versionFlag), so its facts-less answers are
// never reused by a run with another set or none.
func blankOnlyDep(importPath string) bool {
	data, err := blankdeps.ReadFile()
	if err != nil || len(data) == 0 {
		return false
	}
	return blankdeps.Parse(data)[importPath]
}
