package testcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
)

// TestRowsThroughInterface: rows handed to a helper that drains them
// through a rows-shaped interface (sqlx's scanAll over rowsi) are closed
// where it succeeds; a helper that reads one row leaves them open.
func TestRowsThroughInterface(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "rowsiface")
}
