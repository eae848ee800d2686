package goroutines

import (
	"testing"
	"time"
)

// Negative: t is handed to a func value that never touches it; the
// goroutine does not use t.
func TestFuncValueIgnoresT(t *testing.T) {
	warmUp := func(t *testing.T, n int) int {
		sum := 0
		for i := 0; i < n; i++ {
			sum += i
		}
		return sum
	}
	go func() {
		time.Sleep(time.Millisecond)
		_ = warmUp(t, 10)
	}()
}

// Positive twin: the func value logs through t.
func TestFuncValueLogs(t *testing.T) {
	report := func(t *testing.T, n int) {
		t.Logf("warmed up %d", n)
	}
	go func() { // want "goroutine calls report but the test does not wait for it"
		time.Sleep(time.Millisecond)
		report(t, 10)
	}()
}
