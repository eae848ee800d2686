package testcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
)

// TestResultSets checks that a final NextResultSet whose false result
// ends the use of the rows releases them, as a drained Next loop does.
func TestResultSets(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "resultsets")
}
