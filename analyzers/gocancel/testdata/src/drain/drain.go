// Package drain holds timer drains that block forever because the
// timer's value was already received, next to correct drains.
package drain

import (
	"context"
	"errors"
	"time"
)

func work() {}

func afterSelect(ctx context.Context) {
	t := time.NewTimer(time.Second)
	select {
	case <-t.C:
		work()
	case <-ctx.Done():
	}
	if !t.Stop() {
		<-t.C // want `this drain blocks forever when t.C was already received \(line 16\) and the timer not reset`
	}
}

func inLoop(ch <-chan int) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			work()
		case v, ok := <-ch:
			if !ok {
				return
			}
			_ = v
		}
		if !t.Stop() {
			<-t.C // want `this drain blocks forever when t.C was already received \(line 29\)`
		}
		t.Reset(time.Second)
	}
}

// The shape of istio#18454: the timer lives in a field.
type strategy struct {
	timer *time.Timer
	reset chan struct{}
	freq  time.Duration
}

func (s *strategy) loop(ctx context.Context) {
	for {
		select {
		case <-s.timer.C:
			work()
		case <-s.reset:
			if !s.timer.Stop() {
				<-s.timer.C // want `this drain blocks forever when s.timer.C was already received \(line 54\)`
			}
			s.timer.Reset(s.freq)
		case <-ctx.Done():
			s.timer.Stop()
			return
		}
	}
}

func receivedThenDrained() {
	t := time.NewTimer(time.Second)
	<-t.C
	work()
	if !t.Stop() {
		<-t.C // want `already received \(line 70\)`
	}
}

// ---- silent ----

func drainFresh() {
	t := time.NewTimer(time.Second)
	work()
	if !t.Stop() {
		<-t.C
	}
}

func drainNonBlocking(ctx context.Context) {
	t := time.NewTimer(time.Second)
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
}

func resetBetween(ch <-chan int) {
	t := time.NewTimer(time.Second)
	for {
		t.Reset(time.Second)
		select {
		case <-t.C:
			work()
		case <-ch:
			if !t.Stop() {
				<-t.C
			}
		}
	}
}

func newTimerEachRound(ch <-chan int) {
	for {
		t := time.NewTimer(time.Second)
		select {
		case <-t.C:
			work()
		case <-ch:
			if !t.Stop() {
				<-t.C
			}
		}
	}
}

func receivedCaseReturns(ch <-chan int) {
	t := time.NewTimer(time.Second)
	select {
	case <-t.C:
		return
	case <-ch:
	}
	if !t.Stop() {
		<-t.C
	}
}

func stopOnly(ctx context.Context) {
	t := time.NewTimer(time.Second)
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	t.Stop()
}

type debouncer struct {
	t    *time.Timer
	kick chan struct{}
}

func (d *debouncer) run(ctx context.Context) {
	for {
		select {
		case <-d.kick:
			if !d.t.Stop() {
				<-d.t.C
			}
			d.t.Reset(time.Second)
		case <-ctx.Done():
			return
		}
	}
}

// The shape of x/tools' jsonrpc2 server loop: the timer is drained when
// the first connection arrives and reset when the last one closes; its
// own case returns. The drain is not a prior receive.
func idleLoop(conns <-chan int, closed <-chan error, idle time.Duration) error {
	active := 0
	t := time.NewTimer(idle)
	defer t.Stop()
	for {
		select {
		case c := <-conns:
			if active == 0 && !t.Stop() {
				<-t.C
			}
			active++
			_ = c
		case <-closed:
			active--
			if active == 0 {
				t.Reset(idle)
			}
		case <-t.C:
			return errors.New("idle")
		}
	}
}

// A plain receive in a loop, then a drain on the next round without a
// reset in between.
func pollThenDrain(more func() bool) {
	t := time.NewTimer(time.Second)
	for more() {
		<-t.C
		work()
		if !t.Stop() {
			<-t.C // want `this drain blocks forever when t.C was already received \(line \d+\)`
		}
	}
}

// The same loop re-arming the timer after each receive.
func pollReset(more func() bool) {
	t := time.NewTimer(time.Second)
	for more() {
		<-t.C
		t.Reset(time.Second)
		work()
		if !t.Stop() {
			<-t.C
		}
		t.Reset(time.Second)
	}
}

// fatalf ends the program; the receive before it never reaches the drain.
func fatalf(format string, args ...any) {
	panic(errors.New(format))
}

// Polls until ready; the timer's value is only received on the way to
// a call that never returns, so the Stop-then-drain below never follows a
// receive.
func pollUntilReady(ready func() bool) {
	deadline := time.NewTimer(time.Second)
	for !ready() {
		select {
		case <-deadline.C:
			fatalf("not ready in time")
		default:
			time.Sleep(time.Millisecond)
		}
	}
	if !deadline.Stop() {
		<-deadline.C
	}
}

// The twin: the expiry case only records the timeout and leaves the
// loop, so the drain runs after the value was received.
func pollUntilReadyOrLate(ready func() bool) (late bool) {
	deadline := time.NewTimer(time.Second)
	for !ready() && !late {
		select {
		case <-deadline.C:
			late = true
		default:
			time.Sleep(time.Millisecond)
		}
	}
	if !deadline.Stop() {
		<-deadline.C // want `this drain blocks forever when deadline.C was already received`
	}
	return late
}
