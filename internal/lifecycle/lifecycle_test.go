package lifecycle_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// TestSummaries pins the facts the engine exports for typical helpers.
func TestSummaries(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lifecycle.Analyzer, "summaries")
}

// TestGoroutinesAndDependents pins the engine's answers about go
// statements and deferred releases in tests.
func TestGoroutinesAndDependents(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "stops")
}

// TestPoolFacts pins the ConstructsPool facts of typical helpers.
func TestPoolFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lifecycle.Analyzer, "poolfacts")
}

// TestFactsOnly pins what the engine exports for a dependency analysed
// only for its facts: generated files' functions unsummarised (no fact,
// unknown to callers), generic ones and init kept, no stop facts for a
// package with unread code.
func TestFactsOnly(t *testing.T) {
	lifecycle.FactsOnly = true
	defer func() { lifecycle.FactsOnly = false }()
	analysistest.Run(t, analysistest.TestData(), lifecycle.Analyzer, "factsonly/dep", "factsonly/user")
}
