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

// TestFailedChecks checks that a return under `if t.Failed()` is a fail
// path, quiet by default, while a leak on the passing side is reported.
func TestFailedChecks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "failedcheck")
}

// TestTxContextCancel checks that cancelling the context a transaction
// was begun with releases it, and that another context's cancel does not.
func TestTxContextCancel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "txcancel")
}
