package gocancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/gocancel"
)

func TestUnstoppable(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "unstoppable")
}
