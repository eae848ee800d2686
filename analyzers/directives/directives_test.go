package directives_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/directives"
	"github.com/leakvet/leakvet/internal/report/categorytest"
)

// TestDirectives checks the reports and their categories: directive for a
// malformed one, unused-directive for one that silences nothing.
func TestDirectives(t *testing.T) {
	categorytest.Run(t, analysistest.TestData(), directives.Analyzer, "directives")
}
