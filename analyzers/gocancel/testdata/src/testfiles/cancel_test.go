package testfiles

import (
	"context"
	"testing"
	"time"
)

// Contexts made by a test live as long as the test: testcleanup's.
func TestTable(t *testing.T) {
	for _, d := range []time.Duration{time.Second, time.Minute} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		_ = ctx
	}
}
