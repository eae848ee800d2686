package lifecycle_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// TestJoinFacts pins the ServeStop and ChanMethod facts that let a test
// goroutine's join be seen through a wrapper's methods.
func TestJoinFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lifecycle.Analyzer, "joinfacts")
}
