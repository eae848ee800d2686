// Package goroutines holds tests whose goroutines outlive them
// (testcleanup, clause 5).
package goroutines

// Work does something.
func Work() error { return nil }
