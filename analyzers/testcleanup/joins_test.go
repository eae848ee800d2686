package testcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
)

// TestJoins pins the goroutine join questions the engine answers beyond
// the starting function: WaitGroups and done channels owned by a caller
// or an enclosing function, servers whose Stop waits for Serve, and
// channel wrappers whose methods send and receive on one field. Its
// goroutines mostly use t only to report failures, which is a fail path
// by default; under -testcleanup.failpath the join alone decides.
func TestJoins(t *testing.T) {
	withFailPath(t)
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "joins")
}
