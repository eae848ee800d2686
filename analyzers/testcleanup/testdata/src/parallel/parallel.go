// Package parallel holds tests whose deferred releases race with their
// parallel subtests (testcleanup, clause 3).
package parallel
