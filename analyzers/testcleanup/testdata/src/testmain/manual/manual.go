// Package manual holds a TestMain (testcleanup, clause 4).
package manual

// Setup prepares shared state.
func Setup() error { return nil }

// Teardown releases it.
func Teardown() {}
