package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneUnitGC pins that a unit's process collects less often unless
// the user set GOGC or GOMEMLIMIT, whose choice wins.
func TestTuneUnitGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, tc := range []struct {
		gogc, gomemlimit string
		wantPercent      int
		wantLimit        int64
	}{
		{"", "", unitGCPercent, unitMemoryLimit},
		{"50", "", 100, math.MaxInt64},
		{"", "1GiB", 100, math.MaxInt64},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		tuneUnitGC()
		if got := debug.SetGCPercent(100); got != tc.wantPercent {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: GC percent %d, want %d", tc.gogc, tc.gomemlimit, got, tc.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.wantLimit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: memory limit %d, want %d", tc.gogc, tc.gomemlimit, got, tc.wantLimit)
		}
	}
}
