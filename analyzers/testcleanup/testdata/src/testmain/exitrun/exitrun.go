// Package exitrun holds a TestMain (testcleanup, clause 4).
package exitrun

// Setup prepares shared state.
func Setup() error { return nil }

// Teardown releases it.
func Teardown() {}
