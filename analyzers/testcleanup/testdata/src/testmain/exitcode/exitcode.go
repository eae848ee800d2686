// Package exitcode holds a TestMain (testcleanup, clause 4).
package exitcode

// Setup prepares shared state.
func Setup() error { return nil }

// Teardown releases it.
func Teardown() {}
