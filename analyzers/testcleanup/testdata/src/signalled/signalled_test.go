// Package signalled: RULES testcleanup 5, "Signalled is not stopped". A
// fixture starts a daemon that writes under t.TempDir() and only cancels
// it in t.Cleanup: the test ends and its directory is removed while the
// daemon may still be writing.
package signalled

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Positive: cancelled in t.Cleanup, never waited for.
func startSnapshotter(t *testing.T) string {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { // want "goroutine uses a path under the test's t.TempDir\\(\\) and is only signalled to stop, never waited for"
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
				os.WriteFile(filepath.Join(dir, "snapshot"), []byte("state"), 0o600)
			}
		}
	}()
	return dir
}

// Negative twin: the cleanup cancels and then waits for the daemon.
func startSnapshotterJoined(t *testing.T) string {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t.Cleanup(func() {
		cancel()
		<-done
	})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
				os.WriteFile(filepath.Join(dir, "snapshot"), []byte("state"), 0o600)
			}
		}
	}()
	return dir
}

// Negative: a WaitGroup the cleanup waits on after closing the stop
// channel.
func startCompactor(t *testing.T) {
	dir := t.TempDir()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				os.Remove(filepath.Join(dir, "old.log"))
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		wg.Wait()
	})
}

// Negative: signalled and not waited for, but it touches nothing the
// test removes.
func startTicker(t *testing.T) <-chan int {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	out := make(chan int, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case out <- i:
			}
		}
	}()
	return out
}

// Positive: the test itself defers the cancel.
func TestWatcher(t *testing.T) {
	dir := t.TempDir()
	stop := make(chan struct{})
	defer close(stop)
	go func() { // want "goroutine uses a path under the test's t.TempDir\\(\\)"
		for {
			select {
			case <-stop:
				return
			default:
				os.ReadDir(dir)
				time.Sleep(time.Millisecond)
			}
		}
	}()
	t.Log(startSnapshotter(t), startSnapshotterJoined(t), <-startTicker(t))
	startCompactor(t)
}

// Negative (RULES testcleanup 5, joined): n workers, each sends once, and
// the test receives n times.
func TestWorkersJoinedByCount(t *testing.T) {
	const n = 4
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			time.Sleep(time.Millisecond)
			t.Log("worker", i)
			done <- i
		}(i)
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

// Positive twin: a short run returns before the receiving loop.
func TestWorkersSkippedJoin(t *testing.T) {
	const n = 4
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) { // want "goroutine calls t.Log but the test does not wait for it on the path that returns at line 150"
			time.Sleep(time.Millisecond)
			t.Log("worker", i)
			done <- i
		}(i)
	}
	if testing.Short() {
		return
	}
	for i := 0; i < n; i++ {
		<-done
	}
}
