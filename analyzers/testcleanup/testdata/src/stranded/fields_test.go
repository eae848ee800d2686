package stranded

import (
	"context"
	"testing"
	"time"
)

// Issue 11 §3.17 in a test: the result channel sits in a field of a
// struct the test makes.

type probe struct {
	results chan string
}

func TestProbeDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	p := &probe{results: make(chan string)}
	go func() { p.results <- Fetch() }() // want `goroutine sends on results, but the test can return at line \d+ \(the ctx case\) without receiving from it`
	select {
	case v := <-p.results:
		if v != "ok" {
			t.Errorf("got %q", v)
		}
	case <-ctx.Done():
		return
	}
}

func TestProbeDeadlineBuffered(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	p := &probe{results: make(chan string, 1)}
	go func() { p.results <- Fetch() }()
	select {
	case v := <-p.results:
		if v != "ok" {
			t.Errorf("got %q", v)
		}
	case <-ctx.Done():
		return
	}
}
