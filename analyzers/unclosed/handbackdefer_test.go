package unclosed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/unclosed"
)

// TestHandBackWithDefer: a response handed to a func value whose result
// is returned is handed on when a deferred call makes go/ssa return
// through result slots (retryablehttp client.go:719); one whose result
// is dropped is still reported.
func TestHandBackWithDefer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "handbackdefer")
}
