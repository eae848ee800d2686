package gocancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/gocancel"
)

func TestUnstoppable(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "unstoppable")
}

func TestOrphans(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "orphans")
}

func TestLostCancel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "lostcancel")
}

func TestDrain(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "drain")
}

// TestProcessLifetime: goroutines started by main and init of package
// main are silent; other functions of package main are not.
func TestProcessLifetime(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "mainpkg")
}

// TestTestFiles: goroutines in _test.go files are testcleanup's.
func TestTestFiles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "testfiles")
}

// TestCrossPackage: goroutine bodies and cancel helpers of another
// package are understood through facts.
func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "crosspkg")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), gocancel.Analyzer, "fixes")
}

// TestDeadSpawns: a dead stop source passed to a function whose
// goroutine waits only on that parameter, in this package or another.
func TestDeadSpawns(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "spawns")
}

// TestRulesheet: a positive and a negative case for every rule and dead
// stop source RULES names, written from RULES alone.
func TestRulesheet(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "rulesheet")
}

// TestDeadParent: a cancel function of a Background context dropped with
// the struct that holds both, before anything used the context, is
// silent; a goroutine started with it, a cancellable parent, or the
// struct handed to an unknown function before the drop is reported.
func TestDeadParent(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), gocancel.Analyzer, "deadparent")
}
