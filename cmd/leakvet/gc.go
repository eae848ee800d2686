package main

import (
	"os"
	"runtime/debug"
)

// Garbage-collector settings for one compilation unit under go vet. A
// unit's process lives a second or two and allocates a few times its
// live heap (type checking, SSA, summaries): at the default GOGC of 100
// a fifth of its CPU went to collecting (node_exporter's collector
// package). A higher GOGC trades some of that for memory, and the soft
// limit brings the default pace back before a large unit grows far.
const (
	unitGCPercent   = 400
	unitMemoryLimit = 384 << 20
)

// tuneUnitGC applies the unit settings unless the user chose their own
// through GOGC or GOMEMLIMIT.
func tuneUnitGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(unitGCPercent)
	debug.SetMemoryLimit(unitMemoryLimit)
}
