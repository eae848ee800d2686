// Package unstoppable holds goroutines whose every way out depends on a
// dead stop source, next to look-alikes whose stop source is live.
package unstoppable

import (
	"context"
	"time"
)

type job struct{ id int }

func process(j job) {}

func work() {}

// loopUntil returns when ctx is done.
func loopUntil(ctx context.Context, jobs <-chan job) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			process(j)
		}
	}
}

func startBackground(jobs chan job) {
	go loopUntil(context.Background(), jobs) // want `^gocancel: this goroutine can never be stopped: in loopUntil, the loop at line 18 never exits: ctx comes from context.Background\(\): its Done channel is nil; give it a context that is cancelled when the work must stop`
}

func startTODO(jobs chan job) {
	ctx := context.TODO()
	go loopUntil(ctx, jobs) // want `can never be stopped: .*context.TODO\(\)`
}

func startWithValue(jobs chan job) {
	ctx := context.WithValue(context.Background(), "k", 1)
	go loopUntil(ctx, jobs) // want `can never be stopped: .*context.Background\(\)`
}

func startWithoutCancel(ctx context.Context, jobs chan job) {
	go loopUntil(context.WithoutCancel(ctx), jobs) // want `can never be stopped: .*WithoutCancel`
}

func startCancelNeverCalled(jobs chan job) {
	ctx, cancel := context.WithCancel(context.Background()) // want `cancel from context.WithCancel is assigned to _ and never called`
	_ = cancel                                              // cancelled by nothing
	go loopUntil(ctx, jobs)                                 // want `can never be stopped: .*whose cancel function is never called`
}

func closureBackground(jobs chan job) {
	ctx := context.Background()
	go func() { // want `can never be stopped: the loop at line 55 never exits: ctx comes from context.Background`
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-jobs:
				process(j)
			}
		}
	}()
}

func waitOnBackground() {
	go func() { // want `it blocks forever at line 68: the context comes from context.Background\(\)`
		<-context.Background().Done()
		work()
	}()
}

func errCheckBackground() {
	ctx := context.Background()
	go func() { // want `can never be stopped: the loop at line 76 never exits: ctx comes from context.Background`
		for {
			if ctx.Err() != nil {
				return
			}
			work()
			time.Sleep(time.Second)
		}
	}()
}

// ---- live look-alikes ----

func startWithParam(ctx context.Context, jobs chan job) {
	go loopUntil(ctx, jobs)
}

func startWithCancel(jobs chan job) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	go loopUntil(ctx, jobs)
	return cancel
}

func startWithDeferredCancel(jobs chan job) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go loopUntil(ctx, jobs)
	time.Sleep(time.Second)
}

func startWithTimeout(jobs chan job) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	go loopUntil(ctx, jobs)
}

type server struct {
	ctx    context.Context
	cancel context.CancelFunc
	jobs   chan job
}

// newServer sets the ctx field in the constructor: ctx fields are live.
func newServer() *server {
	s := &server{jobs: make(chan job)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.run()
	return s
}

func (s *server) run() { loopUntil(s.ctx, s.jobs) }

func (s *server) Close() { s.cancel() }

func cancelStoredInField(jobs chan job) *server {
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{cancel: cancel}
	go loopUntil(ctx, jobs)
	return s
}

func cancelledByGoroutine(jobs chan job) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(time.Second)
		cancel()
	}()
	go loopUntil(ctx, jobs)
}

type tb interface{ Context() context.Context }

func testContext(t tb, jobs chan job) {
	go loopUntil(t.Context(), jobs)
}

func phiOfParam(ctx context.Context, jobs chan job, bg bool) {
	if bg {
		ctx = context.Background()
	}
	go loopUntil(ctx, jobs) // a parameter on one path: assume live
}
