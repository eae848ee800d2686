package joins

import (
	"testing"
	"time"
)

// ---- a done channel the helper returns (issue 11, returned joins) ----
//
// The helper starts a goroutine that closes (or sends on) a channel as
// its last act and returns that channel: the channel is the means of
// waiting, and it joins the goroutine only for callers that receive
// from it, or hand it on to someone who may.

// replayLog logs a few entries through t and closes the channel it
// returns when it is done.
func replayLog(t *testing.T, entries []string) <-chan struct{} {
	finished := make(chan struct{})
	go func() { // want `goroutine calls t.Logf but the test does not wait for it: TestReplayDropped drops the channel replayLog returns at line \d+`
		defer close(finished)
		for _, e := range entries {
			t.Logf("replay %s", e)
			time.Sleep(time.Millisecond)
		}
	}()
	return finished
}

// Negative: the test receives from the returned channel on every path.
func TestReplayAwaited(t *testing.T) {
	done := replayLog(t, []string{"a", "b"})
	<-done
}

// Negative: the receive sits in a select with a deadline that fails the
// test: a failing test only.
func TestReplayAwaitedOrFatal(t *testing.T) {
	select {
	case <-replayLog(t, []string{"c"}):
	case <-time.After(time.Second):
		t.Fatal("replay did not finish")
	}
}

// Negative: the channel is handed on to a helper that waits on it.
func TestReplayHandedOn(t *testing.T) {
	awaitClosed(t, replayLog(t, []string{"d"}))
}

func awaitClosed(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	<-ch
}

// Negative: the wait is registered as a cleanup.
func TestReplayAwaitedInCleanup(t *testing.T) {
	done := replayLog(t, []string{"e"})
	t.Cleanup(func() { <-done })
}

// Positive: this caller drops the channel, so nothing waits for the
// goroutine, which logs through t after the test has completed.
func TestReplayDropped(t *testing.T) {
	replayLog(t, []string{"f", "g"})
}

// Positive twin of the receiving callers: the only caller keeps the
// channel but returns early on one path without receiving.
func pumpTicks(t *testing.T, n int) chan int {
	ticks := make(chan int, 1)
	go func() { // want `goroutine calls t.Logf but the test does not wait for it: TestPumpSkipped does not receive from the channel pumpTicks returns on the path that returns at line \d+`
		for i := 0; i < n; i++ {
			t.Logf("tick %d", i)
		}
		ticks <- n
	}()
	return ticks
}

func TestPumpSkipped(t *testing.T) {
	ticks := pumpTicks(t, 3)
	if testing.Short() {
		return
	}
	if got := <-ticks; got != 3 {
		t.Errorf("got %d ticks", got)
	}
}

// Negative twin: every path receives.
func pumpTocks(t *testing.T, n int) chan int {
	tocks := make(chan int, 1)
	go func() {
		for i := 0; i < n; i++ {
			t.Logf("tock %d", i)
		}
		tocks <- n
	}()
	return tocks
}

func TestPumpAwaited(t *testing.T) {
	tocks := pumpTocks(t, 3)
	if testing.Short() {
		<-tocks
		return
	}
	if got := <-tocks; got != 3 {
		t.Errorf("got %d tocks", got)
	}
}

// Negative: the helper is passed around as a value, so its callers are
// out of sight: the returned channel still counts as handed on.
func spinner(t *testing.T) <-chan struct{} {
	stop := make(chan struct{})
	go func() {
		defer close(stop)
		t.Log("spinning")
	}()
	return stop
}

var starters = []func(*testing.T) <-chan struct{}{spinner}

func TestStarters(t *testing.T) {
	for _, s := range starters {
		<-s(t)
	}
}
