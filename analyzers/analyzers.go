// Package analyzers lists leakvet's analyzers: the suite, in one place.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/analyzers/clientreuse"
	"github.com/leakvet/leakvet/analyzers/directives"
	"github.com/leakvet/leakvet/analyzers/gocancel"
	"github.com/leakvet/leakvet/analyzers/testcleanup"
	"github.com/leakvet/leakvet/analyzers/unclosed"
)

// All returns leakvet's analyzers.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		unclosed.Analyzer,
		clientreuse.Analyzer,
		gocancel.Analyzer,
		testcleanup.Analyzer,
		directives.Analyzer,
	}
}
