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

// TestHandBack checks that a response given to a func value whose result
// of a type that can carry it is returned is handed on, and that a func
// value whose result is dropped or cannot carry it only borrows it.
func TestHandBack(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "handback")
}
