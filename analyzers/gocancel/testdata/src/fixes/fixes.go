// Package fixes checks the suggested fix for an orphaned sender.
package fixes

import (
	"context"
	"time"
)

func compute() int { return 1 }

func withTimeout(d time.Duration) int {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `buffer the channel \(make\(chan int, 1\)\)`
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return 0
	}
}

func withCtx(ctx context.Context) error {
	errc := make(chan error)
	go func() { errc <- ctx.Err() }() // want `buffer the channel \(make\(chan error, 1\)\)`
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Two senders: no mechanical fix.
func two(d time.Duration) int {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `goroutines send on ch`
	go func() { ch <- compute() }() // want `goroutines send on ch`
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return 0
	}
}
