package testcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
	"github.com/leakvet/leakvet/internal/report/categorytest"
)

func TestCategories(t *testing.T) {
	categorytest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "resources", "goroutines", "helperdefer", "parallel", "testmain/exitrun", "failpath/quiet")
	t.Run("failpath", func(t *testing.T) {
		withFailPath(t)
		categorytest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "categories", "failpath/loud")
	})
}
