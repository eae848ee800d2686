//go:build go1.22

// Package oldtimers is built as go1.22 code, where a timer or ticker that
// is never stopped is never collected.
package oldtimers

import "time"

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
	t := time.NewTimer(d) // want `t from time.NewTimer is never stopped; add .defer t.Stop\(\). after it`
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
