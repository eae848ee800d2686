// Package owners: values whose Close stops goroutines are resources too
// (issue 11 §3.18): a gRPC client connection, and objects of this
// package whose constructor starts a goroutine that only their Close,
// Stop or Shutdown ends.
package owners

import (
	"context"
	"errors"
	"time"

	"google.golang.org/grpc"
)

func ping(ctx context.Context, cc *grpc.ClientConn) error {
	return cc.Invoke(ctx, "/health.Health/Check", nil, nil)
}

func checkOnce(ctx context.Context, target string) error {
	cc, err := grpc.NewClient(target) // want `cc from grpc.NewClient is never closed; ping receives it but neither releases nor keeps it; add defer cc.Close\(\) after the error check`
	if err != nil {
		return err
	}
	return ping(ctx, cc)
}

func checkOnceClosed(ctx context.Context, target string) error {
	cc, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	defer cc.Close()
	return ping(ctx, cc)
}

var errNoTarget = errors.New("no target")

func dialUnlessDisabled(ctx context.Context, target string, disabled bool) error {
	cc, err := grpc.DialContext(ctx, target) // want `cc from grpc.DialContext is not closed on the path that returns at line 44`
	if err != nil {
		return err
	}
	if disabled {
		return errNoTarget
	}
	defer cc.Close()
	return ping(ctx, cc)
}

// Kept by a long-lived client, returned, or made at start-up: not owed here.
type client struct{ conn *grpc.ClientConn }

func (c *client) connect(target string) error {
	cc, err := grpc.Dial(target)
	if err != nil {
		return err
	}
	c.conn = cc
	return nil
}

func dial(target string) (*grpc.ClientConn, error) {
	cc, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	return cc, nil
}

func init() {
	cc, err := grpc.NewClient("localhost:50051")
	if err != nil {
		panic(err)
	}
	_ = ping(context.Background(), cc)
}

// A poller's goroutine waits on its done channel, which only Close closes.
type poller struct {
	every time.Duration
	done  chan struct{}
	fn    func()
}

func newPoller(every time.Duration, fn func()) *poller {
	p := &poller{every: every, done: make(chan struct{}), fn: fn}
	go p.loop()
	return p
}

func (p *poller) loop() {
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
			p.fn()
		}
	}
}

func (p *poller) Close() { close(p.done) }

func pollWhile(cond func() bool, fn func()) time.Duration {
	p := newPoller(time.Second, fn) // want `p from newPoller is never closed`
	for cond() {
		time.Sleep(time.Second)
	}
	return p.every
}

func pollDiscarded(fn func()) {
	newPoller(time.Second, fn) // want `the \*owners.poller returned by newPoller is discarded, so it is never closed`
}

func pollWhileClosed(cond func() bool, fn func()) {
	p := newPoller(time.Second, fn)
	defer p.Close()
	for cond() {
		time.Sleep(time.Second)
	}
}

type service struct{ p *poller }

func (s *service) start(fn func()) { s.p = newPoller(time.Minute, fn) }

// A watcher's goroutine runs until the context whose cancel Stop calls.
type watcher struct {
	cancel context.CancelFunc
	events chan string
}

func newWatcher(path string) *watcher {
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{cancel: cancel, events: make(chan string)}
	go watch(ctx, path, w.events)
	return w
}

func watch(ctx context.Context, path string, out chan<- string) {
	for {
		select {
		case <-ctx.Done():
			return
		case out <- path:
		}
	}
}

func (w *watcher) Stop() { w.cancel() }

func firstEvent(path string) string {
	w := newWatcher(path) // want `w from newWatcher is never stopped`
	return <-w.events
}

func firstEventStopped(path string) string {
	w := newWatcher(path)
	defer w.Stop()
	return <-w.events
}

// A goroutine handed the stop channel itself.
type flusher struct{ quit chan struct{} }

func newFlusher(flush func()) *flusher {
	f := &flusher{quit: make(chan struct{})}
	go flushUntil(f.quit, flush)
	return f
}

func flushUntil(quit <-chan struct{}, flush func()) {
	for {
		select {
		case <-quit:
			return
		case <-time.After(time.Second):
			flush()
		}
	}
}

func (f *flusher) Shutdown() { close(f.quit) }

func flushFor(d time.Duration, flush func()) bool {
	f := newFlusher(flush) // want `f from newFlusher is never released \(Shutdown\)`
	time.Sleep(d)
	return f.quit != nil
}

func flushForShutdown(d time.Duration, flush func()) *flusher {
	f := newFlusher(flush)
	time.Sleep(d)
	return f
}

// Not owners: a goroutine that ends by itself, and a Close that stops
// nothing the goroutine waits on.
type warmer struct {
	ready chan struct{}
	done  chan struct{}
}

func newWarmer(warm func()) *warmer {
	w := &warmer{ready: make(chan struct{}), done: make(chan struct{})}
	go func() {
		warm()
		close(w.ready)
	}()
	return w
}

func (w *warmer) Close() { close(w.done) }

func warmAndForget(warm func()) {
	w := newWarmer(warm)
	<-w.ready
}

type counter struct {
	n      chan int
	closed bool
}

func newCounter() *counter {
	c := &counter{n: make(chan int)}
	go func() {
		for i := 0; ; i++ {
			c.n <- i
		}
	}()
	return c
}

func (c *counter) Close() { c.closed = true }

func countTo3() int {
	c := newCounter()
	return <-c.n + <-c.n + <-c.n
}
