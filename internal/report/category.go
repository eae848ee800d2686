package report

import (
	"github.com/leakvet/leakvet/internal/directive"
	"github.com/leakvet/leakvet/internal/lifecycle"
)

// The categories of leakvet's diagnostics (analysis.Diagnostic.Category):
// on which kind of path a finding leaks, so that a team can sort findings
// by what they cost. Every diagnostic carries one; Reporter.Report fills
// in CategoryNormal where an analyzer set none.
const (
	// CategoryNormal: it leaks on the ordinary path, every time the code
	// runs.
	CategoryNormal = "normal"
	// CategoryErrorPath: it leaks only on a path that returns an error.
	CategoryErrorPath = "error-path"
	// CategoryFailPath: it leaks only where a test has already failed
	// (reported under -testcleanup.failpath).
	CategoryFailPath = "fail-path"
	// CategoryLoop: it leaks, or piles up, once per loop iteration.
	CategoryLoop = "loop"
	// CategoryPerRequest: it is built, or leaks, once per request served.
	CategoryPerRequest = "per-request"
	// CategoryDirective: not a leak but a malformed //leakvet:ignore
	// directive.
	CategoryDirective = "directive"
	// CategoryUnusedDirective: not a leak but a //leakvet:ignore directive
	// that silences nothing.
	CategoryUnusedDirective = directive.UnusedCategory
)

// Categories lists every category, in the order above.
var Categories = []string{CategoryNormal, CategoryErrorPath, CategoryFailPath, CategoryLoop, CategoryPerRequest, CategoryDirective, CategoryUnusedDirective}

// CategoryOf names the category of a path class of the engine.
func CategoryOf(c lifecycle.PathClass) string {
	switch c {
	case lifecycle.PathError:
		return CategoryErrorPath
	case lifecycle.PathFail:
		return CategoryFailPath
	case lifecycle.PathLoop:
		return CategoryLoop
	case lifecycle.PathPerRequest:
		return CategoryPerRequest
	}
	return CategoryNormal
}
