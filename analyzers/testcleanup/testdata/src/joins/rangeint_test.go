package joins

import (
	"errors"
	"testing"
	"time"
)

// ---- join loops written `for range n` (pgx pool_test.go:1066, :1295) ----
//
// go/ssa puts a `0 < n` test in front of a range-over-int loop, outside
// its cycle; its edge to the loop's end is the loop making no turn, the
// same as the first test of `for i := 0; i < n; i++`.

func pause(t *testing.T, d time.Duration) {
	time.Sleep(d)
	t.Log("paused", d)
}

// Negative (RULES testcleanup 5, joined): each of `workers` goroutines
// uses t and signals from a defer; the test receives `workers` times in a
// range-over-int loop.
func TestRangeIntJoinsUsers(t *testing.T) {
	workers := 6
	finished := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func() {
			defer func() { finished <- struct{}{} }()
			pause(t, time.Millisecond)
		}()
	}
	for range workers {
		<-finished
	}
}

// Negative: both loops range over the count.
func TestRangeIntSpawnAndJoin(t *testing.T) {
	workers := 3
	finished := make(chan struct{})
	for range workers {
		go func() {
			defer func() { finished <- struct{}{} }()
			pause(t, time.Microsecond)
		}()
	}
	for range workers {
		<-finished
	}
}

// Positive twin: a short run returns before the join loop, while the
// workers still use t (the buffer takes their sends).
func TestRangeIntJoinSkipped(t *testing.T) {
	workers := 6
	finished := make(chan struct{}, workers)
	for range workers {
		go func() { // want "goroutine calls pause but the test does not wait for it on the path that returns at line 64"
			defer func() { finished <- struct{}{} }()
			pause(t, time.Millisecond)
		}()
	}
	if testing.Short() {
		return
	}
	for range workers {
		<-finished
	}
}

// Negative (RULES testcleanup 5, stranded sender): every sender sends
// exactly once on each path and the test receives once per sender in a
// range-over-int loop.
func TestRangeIntReceivesEverySend(t *testing.T) {
	outcomes := make(chan error)
	senders := 8
	for range senders {
		go func() {
			if senders%2 == 0 {
				outcomes <- nil
				return
			}
			outcomes <- errSlowSender
		}()
	}
	for range senders {
		if err := <-outcomes; err != nil {
			t.Error(err)
		}
	}
}

// Positive twin: the receiving loop stops at the first error.
func TestRangeIntStopsReceiving(t *testing.T) {
	outcomes := make(chan error)
	senders := 8
	for range senders {
		go func() { // want "goroutine sends on outcomes, but the test can return at line 107 \\(leaving the loop early\\) without receiving from it"
			outcomes <- nil
		}()
	}
	for range senders {
		if err := <-outcomes; err != nil {
			break
		}
	}
}

var errSlowSender = errors.New("slow sender")
