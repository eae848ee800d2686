// Package loops holds benchmarks and table-driven tests that create a
// resource per iteration.
package loops
