package unclosed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/unclosed"
)

func TestLeaks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "leaks")
}

func TestTransfers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "transfers")
}

func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "crosspkg")
}

func TestKinds(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "kinds", "oldtimers")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "directives")
}

func TestTestContext(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "testctx")
}

// TestOddCode: assembly-only functions, generic types, iterators,
// recursion, build tags, cgo and an empty package neither crash the engine
// nor confuse it.
func TestOddCode(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "odd", "cgopkg", "empty")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unclosed.Analyzer, "fixes")
}

func TestRealWorldShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "realworld")
}

// TestExtensions: -unclosed.types adds a resource kind with its release
// method and constructors. The entry names an example.com package of the
// testdata only, so the other tests are not affected.
func TestExtensions(t *testing.T) {
	const entry = "example.com/lease.Lease:Release=example.com/lease.Acquire|example.com/lease.Pool.Get"
	if err := unclosed.Analyzer.Flags.Set("types", entry); err != nil {
		t.Fatalf("-types=%s: %v", entry, err)
	}
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "extended")
}

func TestPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "paths")
}
