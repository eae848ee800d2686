package lifecycle_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// TestStopFacts pins the Stop and ChanNeverClosed facts.
func TestStopFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lifecycle.Analyzer, "stopfacts")
}
