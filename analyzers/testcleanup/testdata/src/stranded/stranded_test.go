package stranded

import (
	"context"
	"testing"
	"time"
)

// The deadline is the behaviour under test: the test passes through the
// ctx case, and the fetch goroutine is left sending on a channel nobody
// reads.
func TestFetchRespectsDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	got := make(chan string)
	go func() { got <- Fetch() }() // want `goroutine sends on got, but the test can return at line \d+ \(the ctx case\) without receiving from it: the send blocks forever and the goroutine outlives the test; buffer the channel \(make\(chan string, 1\)\)`
	select {
	case v := <-got:
		if v != "ok" {
			t.Errorf("got %q", v)
		}
	case <-ctx.Done():
		return
	}
}

// The same test with a one-slot buffer: the late send completes.
func TestFetchRespectsDeadlineBuffered(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	got := make(chan string, 1)
	go func() { got <- Fetch() }()
	select {
	case v := <-got:
		if v != "ok" {
			t.Errorf("got %q", v)
		}
	case <-ctx.Done():
		return
	}
}

// Short mode returns before the result is read.
func TestIndexShort(t *testing.T) {
	sizes := make(chan int)
	go func() { sizes <- Index("a long document") }() // want `goroutine sends on sizes, but the test can return at line \d+ without receiving from it`
	if testing.Short() {
		return
	}
	if n := <-sizes; n == 0 {
		t.Error("empty")
	}
}

// Short mode is decided before the goroutine starts.
func TestIndexShortFirst(t *testing.T) {
	if testing.Short() {
		return
	}
	sizes := make(chan int)
	go func() { sizes <- Index("a long document") }()
	if n := <-sizes; n == 0 {
		t.Error("empty")
	}
}

// The timeout case fails the test before returning: a fail path, left
// to -testcleanup.failpath.
func TestFetchWithinSecond(t *testing.T) {
	got := make(chan string)
	go func() { got <- Fetch() }()
	select {
	case v := <-got:
		if v != "ok" {
			t.Errorf("got %q", v)
		}
	case <-time.After(time.Second):
		t.Error("fetch took over a second")
		return
	}
}

// t.Fatal ends the test in the timeout case: a fail path too.
func TestFetchWithinSecondFatal(t *testing.T) {
	got := make(chan string)
	go func() { got <- Fetch() }()
	select {
	case v := <-got:
		if v != "ok" {
			t.Errorf("got %q", v)
		}
	case <-time.After(time.Second):
		t.Fatal("fetch took over a second")
	}
}

// A worker ranging over jobs that the test only closes at the end: the
// early return leaves it waiting.
func TestIndexWorker(t *testing.T) {
	jobs := make(chan string)
	go func() { // want `goroutine receives from jobs, but the test can return at line \d+ without sending on it or closing it: the receive blocks forever and the goroutine outlives the test; close jobs on every path \(defer close\(jobs\)\)`
		for doc := range jobs {
			Index(doc)
		}
	}()
	if testing.Short() {
		return
	}
	jobs <- "a"
	close(jobs)
}

// Closed on every path.
func TestIndexWorkerDeferredClose(t *testing.T) {
	jobs := make(chan string)
	defer close(jobs)
	go func() {
		for doc := range jobs {
			Index(doc)
		}
	}()
	if testing.Short() {
		return
	}
	jobs <- "a"
}

// The timeout case reports a failure and the test goes on to common code
// before it returns: every path that abandons sizes has failed the test,
// a fail path (failpath/loud reports it).
func TestIndexReportsSlowness(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	sizes := make(chan int)
	go func() { sizes <- Index("doc") }()
	select {
	case n := <-sizes:
		if n != 3 {
			t.Errorf("size %d", n)
		}
	case <-ctx.Done():
		t.Errorf("index took too long")
	}
	Index("cleanup")
}

// The twin: the timeout case only logs, so the test passes through it and
// the sender is stranded on the passing path.
func TestIndexLogsSlowness(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	sizes := make(chan int)
	go func() { sizes <- Index("doc") }() // want `goroutine sends on sizes, but the test can return at line \d+ \(the ctx case\) without receiving from it`
	select {
	case n := <-sizes:
		if n != 3 {
			t.Errorf("size %d", n)
		}
	case <-ctx.Done():
		t.Logf("index took too long")
	}
	Index("cleanup")
}

// A second way out that does not fail the test (short mode) keeps it on
// the passing path, though the timeout case fails.
func TestIndexShortOrSlow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	sizes := make(chan int)
	go func() { sizes <- Index("doc") }() // want `goroutine sends on sizes, but the test can return at line \d+ without receiving from it`
	if testing.Short() {
		return
	}
	select {
	case <-sizes:
	case <-ctx.Done():
		t.Error("index took too long")
	}
}
