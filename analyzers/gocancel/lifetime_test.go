package gocancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/gocancel"
)

// TestProcessLifetime: init, package-level initialisers and sync.Once
// bodies are silent; escaping closures and exported functions are not.
func TestLibraryProcessLifetime(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "lifetime")
}
