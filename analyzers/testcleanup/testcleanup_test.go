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
		"testmain/setupfatal", "testmain/runhelper", "testmain/manual", "testmain/exitreleases")
}

func TestGoroutines(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "goroutines")
}

func TestRealWorldShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "realworld")
}

// TestSuggestedFixes runs with -testcleanup.failpath: the fix that
// registers a cleanup right after creation is offered for a release
// that a fatal call can skip, which only that flag reports.
func TestSuggestedFixes(t *testing.T) {
	withFailPath(t)
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), testcleanup.Analyzer, "fixes")
}

// TestFailPaths checks that a leak only a failing test reaches is quiet
// by default and reported under -testcleanup.failpath, while a leak on a
// passing path is reported in both.
func TestFailPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "failpath/quiet")
	t.Run("flag", func(t *testing.T) {
		withFailPath(t)
		analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "failpath/loud")
	})
}

// withFailPath sets -testcleanup.failpath for the rest of the test.
func withFailPath(t *testing.T) {
	t.Helper()
	f := testcleanup.Analyzer.Flags.Lookup("failpath")
	if err := f.Value.Set("true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(f.DefValue) })
}

// TestBlindCases runs cases written before the analyzer was first run on
// them (a stand-in for held-out cases); the misses they revealed have
// regressions in the suites above.
func TestBlindCases(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer,
		"blind/evalone", "blind/evaltwo", "blind/evalthree",
		"blind/evalmain1", "blind/evalmain2", "blind/evalmain3", "blind/evalsix")
}

// TestErrorChecks: the shapes of error check a test uses before it owes
// a release, and resources that live within one loop iteration.
func TestErrorChecks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "errchecks")
}

// TestSignalledNotStopped: a goroutine the test only signals to stop,
// while it uses a path under t.TempDir(), is reported; one the cleanup
// waits for is not.
func TestSignalledNotStopped(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "signalled")
}

// TestStranded: goroutines a test abandons on a channel (clause 5).
func TestStranded(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "stranded")
}

func TestTableLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "tableloops")
}

// TestPipeDialers: connections from dialers whose every connection is a
// net.Pipe end (through the dialer constructor's summary) are not owed a
// Close; dialers of real sockets stay reported.
func TestPipeDialers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "memdial")
}

// TestOwners: a gRPC client connection, and a value whose constructor
// starts a goroutine that only its Close ends, are test resources that
// need a cleanup (issue 11 §3.18).
func TestOwners(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "owners")
}

// TestRulesheet: a positive and a negative case for every rule and
// resource kind RULES names, written from RULES alone (rule 4 needs a
// TestMain of its own per package).
func TestRulesheet(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testcleanup.Analyzer, "rulesheet", "rulesheetmain/skips", "rulesheetmain/runs")
}
