package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Garbage-collector settings for one compilation unit under go vet. A
// unit's process lives a second or two and allocates a few times its
// live heap (type checking, SSA, summaries): at the default GOGC of 100
// a fifth of its CPU went to collecting (node_exporter's collector
// package). So a unit may leave up to unitHeadroom of garbage between
// collections, at most unitMaxGCPercent of its live heap and never less
// than the default's 100%: small units collect four times less often,
// and a large one is back at the default pace. A soft memory limit, the
// earlier setting, did the opposite for a large unit: once its live heap
// neared the limit the collector ran without pause, and translated C
// (modernc.org/sqlite/lib, 470 MB) took 11.3 s of CPU instead of 4.9 s.
const (
	unitHeadroom     = 384 << 20
	unitMaxGCPercent = 400
)

// tuneUnitGC applies the unit settings unless the user chose their own
// through GOGC or GOMEMLIMIT: GOGC starts at unitMaxGCPercent and is
// recomputed from the live heap after every collection.
func tuneUnitGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(unitMaxGCPercent)
	watchGCCycles(func() { debug.SetGCPercent(gcPercentFor(liveHeap())) })
}

// gcPercentFor returns the GOGC that leaves at most unitHeadroom of
// garbage over a live heap of live bytes, within [100, unitMaxGCPercent].
func gcPercentFor(live uint64) int {
	if live == 0 {
		return unitMaxGCPercent
	}
	percent := uint64(unitHeadroom) * 100 / live
	return int(max(100, min(percent, unitMaxGCPercent)))
}

// liveHeap returns the bytes of heap the last collection found live.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// gcSentinel is an object only a finalizer refers to; it is large enough
// to get an allocation of its own (finalizers of tiny objects may never
// run).
type gcSentinel struct{ _ [32]byte }

// watchGCCycles calls after once per garbage collection, on the
// finalizer goroutine: each collection frees the sentinel, whose
// finalizer calls after and allocates the next one.
func watchGCCycles(after func()) {
	s := new(gcSentinel)
	runtime.SetFinalizer(s, func(*gcSentinel) {
		after()
		watchGCCycles(after)
	})
}
