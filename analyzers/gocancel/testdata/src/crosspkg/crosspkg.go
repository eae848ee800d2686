// Package crosspkg runs goroutines whose bodies live in another package.
package crosspkg

import (
	"context"
	"time"

	"workers"
)

func startBackground(jobs chan workers.Job) {
	go workers.Run(context.Background(), jobs) // want `can never be stopped: workers.Run never returns: the loop at workers.go:16 never exits: ctx is never cancelled; the context comes from context.Background\(\)`
}

func startForever() {
	go workers.Forever() // want `can never be stopped: workers.Forever never returns: the loop at workers.go:28 has no exit`
}

func startInClosure(jobs chan workers.Job) {
	go func() { // want `can never be stopped: it blocks forever at line 21: the context comes from context.TODO\(\).*\(Run waits on it\)`
		workers.Run(context.TODO(), jobs)
	}()
}

func drainTicker() {
	go workers.Tick(time.Tick(time.Second)) // want `workers.Tick never returns: .*comes from time.Tick, whose channel is never closed`
}

func ignored(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // want `cancel from context.WithCancel is passed to Ignore, which never calls it`
	workers.Ignore(cancel)
	_ = ctx
}

func wrapperDiscarded(parent context.Context) context.Context {
	ctx, _ := workers.NewCtx(parent) // want `the cancel function returned by workers.NewCtx is discarded`
	return ctx
}

// ---- silent ----

func startWithParam(ctx context.Context, jobs chan workers.Job) {
	go workers.Run(ctx, jobs)
}

func drainParam(jobs chan workers.Job) {
	go workers.Drain(jobs)
}

func stopped(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer workers.Stop(cancel)
	_ = ctx
}

func wrapperKept(parent context.Context) {
	ctx, cancel := workers.NewCtx(parent)
	defer cancel()
	_ = ctx
}

func startCancellable(parent context.Context, jobs chan workers.Job) context.CancelFunc {
	ctx, cancel := context.WithCancel(parent)
	go workers.Run(ctx, jobs)
	return cancel
}
