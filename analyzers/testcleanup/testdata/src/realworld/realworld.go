// Package realworld holds shapes found in real test suites: each case is
// a regression for a false positive or negative seen there.
package realworld

import "time"

func zeroTime() time.Time { return time.Time{} }
