package orphans

import (
	"context"
	"errors"
	"time"
)

func download(string) ([]byte, error) { return nil, nil }

// The goroutine's one send sits in a deferred function literal: it runs
// once, when the goroutine ends, and the one-slot buffer holds it.
func downloadWithin(ctx context.Context, url string) ([]byte, error) {
	type reply struct {
		body []byte
		err  error
	}
	replies := make(chan reply, 1)
	go func() {
		var r reply
		defer func() { replies <- r }()
		r.body, r.err = download(url)
	}()
	select {
	case r := <-replies:
		return r.body, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// The same deferred send on an unbuffered channel blocks once the
// caller has given up.
func downloadUnbuffered(ctx context.Context, url string) error {
	errs := make(chan error)
	go func() { // want `the goroutine sends on errs, but downloadUnbuffered can return at line \d+ \(the ctx case\) without receiving from it: the send blocks forever.*make\(chan error, 1\)`
		var err error
		defer func() { errs <- err }()
		_, err = download(url)
	}()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A deferred send registered in a loop runs once per iteration: more
// than the one slot holds.
func downloadAll(ctx context.Context, urls []string) error {
	errs := make(chan error, 1)
	go func() { // want `the goroutine sends on errs more often than downloadAll receives before it can return at line \d+: the sends left over block forever and the goroutine leaks; receive every value`
		for _, u := range urls {
			_, err := download(u)
			defer func() { errs <- err }()
		}
	}()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// One goroutine per step, each waited for (or abandoned with a return)
// before the next starts: never more than one sender, and the one-slot
// buffer takes its send.
func migrateSteps(ctx context.Context, steps []func() error) error {
	done := make(chan error, 1)
	for _, step := range steps {
		go func() { done <- step() }()
		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// The same steps on an unbuffered channel: the step abandoned by the
// ctx case blocks.
func migrateStepsUnbuffered(ctx context.Context, steps []func() error) error {
	done := make(chan error)
	for _, step := range steps {
		go func() { done <- step() }() // want `the goroutine sends on done, but migrateStepsUnbuffered can return at line \d+ .*without receiving from it.*make\(chan error, 1\)`
		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Steps started without waiting for the previous one: several senders
// at once, and the early return strands the rest.
func migrateStepsOverlapping(ctx context.Context, steps []func() error) error {
	done := make(chan error, 1)
	for _, step := range steps {
		go func() { done <- step() }() // want `goroutines send on done more often than migrateStepsOverlapping receives before it can return`
	}
	for range steps {
		if err := <-done; err != nil {
			return err
		}
	}
	return nil
}

// A send behind a flag that the send sets happens once, however long
// the loop runs.
func firstMatch(ctx context.Context, names []string, want string) (string, error) {
	found := make(chan string, 1)
	go func() {
		reported := false
		for _, n := range names {
			if n == want && !reported {
				found <- n
				reported = true
			}
		}
	}()
	select {
	case n := <-found:
		return n, nil
	case <-time.After(time.Second):
		return "", errors.New("not found in time")
	}
}

// The flag is cleared again on a later match: the send repeats, and the
// one slot does not hold the second one.
func everyOtherMatch(ctx context.Context, names []string, want string) (string, error) {
	found := make(chan string, 1)
	go func() { // want `the goroutine sends on found more often than everyOtherMatch receives before it can return at line \d+: the sends left over block forever and the goroutine leaks`
		reported := false
		for _, n := range names {
			if n != want {
				continue
			}
			if !reported {
				found <- n
				reported = true
			} else {
				reported = false
			}
		}
	}()
	select {
	case n := <-found:
		return n, nil
	case <-time.After(time.Second):
		return "", errors.New("not found in time")
	}
}

// One goroutine sends a value per path; the two-slot buffer does not
// hold them all when the check fails before the range starts.
func totalSize(paths []string) (int, error) {
	sizes := make(chan int, 2)
	go func() { // want `the goroutine sends on sizes more often than its buffer of 2 holds, but totalSize can return at line \d+ without receiving from it: the send that does not fit blocks forever`
		for _, p := range paths {
			sizes <- len(p)
		}
		close(sizes)
	}()
	if err := check(); err != nil {
		return 0, err
	}
	total := 0
	for s := range sizes {
		total += s
	}
	return total, nil
}

// Checked before the goroutine starts: every path drains the channel.
func totalSizeChecked(paths []string) (int, error) {
	if err := check(); err != nil {
		return 0, err
	}
	sizes := make(chan int, 2)
	go func() {
		for _, p := range paths {
			sizes <- len(p)
		}
		close(sizes)
	}()
	total := 0
	for s := range sizes {
		total += s
	}
	return total, nil
}

// The spawning function is a function literal: the message names it by
// the line it starts on.
func pinger() func(ctx context.Context) error {
	return func(ctx context.Context) error {
		pong := make(chan int)
		go func() { pong <- compute() }() // want `the goroutine sends on pong, but the function literal at line \d+ can return at line \d+ \(the ctx case\) without receiving from it`
		select {
		case <-pong:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// The same literal with a one-slot buffer.
func pingerBuffered() func(ctx context.Context) error {
	return func(ctx context.Context) error {
		pong := make(chan int, 1)
		go func() { pong <- compute() }()
		select {
		case <-pong:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
