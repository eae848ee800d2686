package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTuneUnitGC pins that a unit's process collects less often unless
// the user set GOGC or GOMEMLIMIT, whose choice wins, and that it sets no
// memory limit (under one, a large unit collects without pause).
func TestTuneUnitGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, tc := range []struct {
		gogc, gomemlimit string
		wantPercent      int
	}{
		{"", "", unitMaxGCPercent},
		{"50", "", 100},
		{"", "1GiB", 100},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		debug.SetGCPercent(100)
		tuneUnitGC()
		if got := debug.SetGCPercent(100); got != tc.wantPercent {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: GC percent %d, want %d", tc.gogc, tc.gomemlimit, got, tc.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: memory limit %d, want none", tc.gogc, tc.gomemlimit, got)
		}
	}
}

// TestGCPercentFor pins the headroom policy: small live heaps get the
// highest GOGC, large ones the default, and the garbage allowed between
// them is unitHeadroom.
func TestGCPercentFor(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, unitMaxGCPercent},
		{16 << 20, unitMaxGCPercent},
		{96 << 20, 400},
		{192 << 20, 200},
		{300 << 20, 128},
		{384 << 20, 100},
		{2 << 30, 100},
	} {
		if got := gcPercentFor(tc.live); got != tc.want {
			t.Errorf("gcPercentFor(%d MiB) = %d, want %d", tc.live>>20, got, tc.want)
		}
	}
}

// TestWatchGCCycles checks that the hook runs after collections and
// re-arms itself: two forced collections call it at least twice.
func TestWatchGCCycles(t *testing.T) {
	calls := make(chan struct{}, 16)
	watchGCCycles(func() {
		select {
		case calls <- struct{}{}:
		default:
		}
	})
	deadline := time.After(10 * time.Second)
	for seen := 0; seen < 2; {
		runtime.GC()
		select {
		case <-calls:
			seen++
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("the hook ran %d times after forced collections, want 2", seen)
		}
	}
}
