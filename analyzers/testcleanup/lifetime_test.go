package testcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
)

// TestProcessLifetime: init, package-level initialisers and sync.Once
// bodies are silent; escaping closures and exported functions are not.
func TestProcessLifetime(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "lifetime")
}
