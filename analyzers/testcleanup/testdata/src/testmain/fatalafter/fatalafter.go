// Package fatalafter holds a TestMain (testcleanup, clause 4).
package fatalafter

// Setup prepares shared state.
func Setup() error { return nil }

// Teardown releases it.
func Teardown() {}
