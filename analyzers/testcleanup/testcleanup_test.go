package testcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/testcleanup"
)

func TestResources(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "resources", "usetestutil", "kinds", "loops")
}

func TestHelperDefers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "helperdefer")
}

func TestParallelSubtests(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "parallel")
}

func TestTestMain(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), testcleanup.Analyzer,
		"testmain/exitrun", "testmain/exitcode", "testmain/returns", "testmain/fatalafter",
		"testmain/setupfatal", "testmain/runhelper", "testmain/manual")
}

func TestGoroutines(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "goroutines")
}

func TestRealWorldShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "realworld")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), testcleanup.Analyzer, "fixes")
}

// TestBlindCases runs cases written before the analyzer was first run on
// them (a stand-in for held-out cases); the misses they revealed have
// regressions in the suites above.
func TestBlindCases(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer,
		"blind/evalone", "blind/evaltwo", "blind/evalthree",
		"blind/evalmain1", "blind/evalmain2", "blind/evalmain3", "blind/evalsix")
}

// TestStranded: goroutines a test abandons on a channel (clause 5).
func TestStranded(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "stranded")
}
