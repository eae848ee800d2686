//go:build go1.22

// Package oldtimers is built as go1.22 code, where a timer or ticker that
// is never stopped is never collected.
package oldtimers

import (
	"errors"
	"time"
)

func tickerLeak(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // want `t from time.NewTicker is never stopped`
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

func tickerStopped(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

func timerLeak(d time.Duration, done <-chan struct{}) bool {
	t := time.NewTimer(d) // want `t from time.NewTimer is not stopped on the path that returns at line 41; add defer t.Stop\(\) after it`
	select {
	case <-t.C:
		return true
	case <-done:
		return false
	}
}

func timerStopped(d time.Duration, done <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-done:
		return false
	}
}

// A timer that fired holds nothing: the case that received from it owes
// no Stop, and the other case stops it (gorilla/websocket's write
// deadline).
func timerFiredOrStopped(d time.Duration, mu chan struct{}) error {
	timer := time.NewTimer(d)
	select {
	case <-mu:
		timer.Stop()
	case <-timer.C:
		return errTimeout
	}
	return nil
}

var errTimeout = errors.New("timeout")

// A plain receive waits for the timer to fire.
func timerWaited(d time.Duration) {
	t := time.NewTimer(d)
	<-t.C
}

// Re-armed after each fire: leaving through done leaves it armed.
func timerRearmed(d time.Duration, done <-chan struct{}, work func()) {
	t := time.NewTimer(d) // want `t from time.NewTimer is not stopped on the path that returns at line \d+`
	for {
		select {
		case <-t.C:
			work()
			t.Reset(d)
		case <-done:
			return
		}
	}
}

// A ticker keeps firing: receiving from it releases nothing.
func tickerReceived(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // want `t from time.NewTicker is never stopped`
	<-t.C
}

// The loop over the ticker never ends (the time package never closes
// its channel), so the function has no exit to leak at: the goroutine
// that runs it is gocancel's finding (gophish's rate limiter).
func tickerForever(work func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		work()
	}
}

// The same loop with a way out leaves the ticker running.
func tickerUntilDone(done <-chan struct{}, work func()) {
	t := time.NewTicker(time.Second) // want `t from time.NewTicker is never stopped`
	for {
		select {
		case <-t.C:
			work()
		case <-done:
			return
		}
	}
}

// A comma-ok receive from time.Tick never reports a closed channel.
func tickOK(work func()) {
	t := time.NewTimer(time.Second)
	for {
		if _, ok := <-time.Tick(time.Second); !ok {
			return
		}
		work()
		_ = t
	}
}
