package gocancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/gocancel"
	"github.com/leakvet/leakvet/internal/report/categorytest"
)

func TestCategories(t *testing.T) {
	categorytest.Run(t, analysistest.TestData(), gocancel.Analyzer, "categories", "lostcancel", "orphans", "unstoppable")
}
