// Package testcleanup defines an Analyzer that reports test resources and
// goroutines that outlive their test.
//
// # Analyzer testcleanup
//
// Report test fixtures and goroutines that outlive their test.
//
// TODO
package testcleanup
