package unclosed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/unclosed"
)

// TestNilGuards checks that a nil test of a response after its error
// check is known to go one way: the response is non-nil there.
func TestNilGuards(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "nilguard")
}
