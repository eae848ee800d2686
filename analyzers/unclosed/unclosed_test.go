package unclosed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/unclosed"
	"github.com/leakvet/leakvet/internal/report"
	"github.com/leakvet/leakvet/internal/testenv"
)

func TestLeaks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "leaks")
}

func TestTransfers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "transfers")
}

func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "crosspkg")
}

// TestInterfaceFacts: a value passed to an interface method whose
// implementations live in a dependency is kept when one of them keeps it
// by its facts, and borrowed otherwise (issue 11 §3.21).
func TestInterfaceFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "ifacefacts")
}

func TestKinds(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "kinds", "oldtimers")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "directives")
}

func TestTestContext(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "testctx")
}

// TestOddCode: assembly-only functions, generic types, iterators,
// recursion, build tags, cgo and an empty package neither crash the engine
// nor confuse it.
func TestOddCode(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "odd", "empty")
}

// TestCgo: a package with import "C" is analysed like any other. It needs
// a C compiler, and is skipped with a reason without one.
func TestCgo(t *testing.T) {
	testenv.NeedsCgo(t)
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "cgopkg")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unclosed.Analyzer, "fixes")
}

func TestRealWorldShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "realworld")
}

// TestExtensions: -unclosed.types adds a resource kind with its release
// method and constructors. The entry names an example.com package of the
// testdata only, so the other tests are not affected.
func TestExtensions(t *testing.T) {
	const entry = "example.com/lease.Lease:Release=example.com/lease.Acquire|example.com/lease.Pool.Get"
	if err := unclosed.Analyzer.Flags.Set("types", entry); err != nil {
		t.Fatalf("-types=%s: %v", entry, err)
	}
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "extended")
}

// TestGeneratedFiles: findings in files with the standard generated-code
// header are dropped by default; a look-alike header, or one after the
// package clause, does not count.
func TestGeneratedFiles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "generated")
}

// TestGeneratedFilesIncluded: with report.IncludeGenerated (the
// -generated flag), generated files are reported like any other.
func TestGeneratedFilesIncluded(t *testing.T) {
	report.IncludeGenerated = true
	t.Cleanup(func() { report.IncludeGenerated = false })
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "generatedincluded")
}

// TestPaths: path questions (rows drained by Next, correlated branches,
// named results, responses returned with an error) and new table kinds.
func TestPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "paths")
}

// TestReleasingParts: a part of a resource that releases it (a Cmd's
// Process) stored in a field that some method releases through.
func TestReleasingParts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "parts")
}

// TestParsers: a dependency's parser that keeps the file it reads and
// has no Close dies with the function that drops it (issue 11 §3.8).
func TestParsers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "parsers")
}

// TestOwners: a gRPC client connection, and objects whose constructor
// starts a goroutine that only their Close/Stop/Shutdown ends, are owed
// that call (issue 11 §3.18).
func TestOwners(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "owners")
}

// TestWrapped: a wrapper constructor that keeps the response is the
// owned value (issue 11 §3.22).
func TestWrapped(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "wrapped")
}

// TestMutualRecursion: a recursive-descent parser's mutually recursive
// methods are each summarised a bounded number of times; before, every
// recursive call summarised its callee again, and this package did not
// finish.
func TestMutualRecursion(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "descent")
}

// TestRulesheet: a positive and a negative case for every resource kind
// and rule RULES names, written from RULES alone.
func TestRulesheet(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unclosed.Analyzer, "rulesheet")
}
