// Package resources holds tests that create resources with and without
// cleanup (testcleanup, clause 1).
package resources
