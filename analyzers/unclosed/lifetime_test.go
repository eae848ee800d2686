package unclosed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/unclosed"
)

// TestProcessLifetime: init, package-level initialisers and sync.Once
// bodies are silent; escaping closures and exported functions are not.
func TestProcessLifetime(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "lifetime")
}

// TestProcessLifetimeLoops: main's start-up loop that defers the close
// of connections it keeps for the rest of main is silent; a loop that
// only reads each file it defers closing is reported.
func TestProcessLifetimeLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "lifetimemain")
}

// TestTestBinaryMains: TestMain, the helpers only it calls and Example
// functions run once per process, like main; a helper a test calls too,
// and a defer in an Example's loop, are reported.
func TestTestBinaryMains(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "testbinmains")
}
