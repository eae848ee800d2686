// Package workers is a library whose functions other packages run as
// goroutines: facts tell them how each one stops.
package workers

import (
	"context"
	"time"
)

type Job struct{ ID int }

func handle(j Job) {}

// Run stops when ctx is done.
func Run(ctx context.Context, jobs <-chan Job) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			handle(j)
		}
	}
}

// Forever never stops.
func Forever() {
	for {
		handle(Job{})
		time.Sleep(time.Second)
	}
}

// Drain stops when jobs is closed.
func Drain(jobs <-chan Job) {
	for j := range jobs {
		handle(j)
	}
}

// Tick waits for ticks until the channel closes.
func Tick(ticks <-chan time.Time) {
	for range ticks {
		handle(Job{})
	}
}

// Stop calls the cancel function it is given.
func Stop(cancel context.CancelFunc) { cancel() }

// Ignore does not.
func Ignore(cancel context.CancelFunc) {}

// NewCtx returns a context and the cancel function its caller owns.
func NewCtx(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(parent)
}
