package unclosed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/unclosed"
)

func TestLeaks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "leaks")
}

func TestTransfers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "transfers")
}
