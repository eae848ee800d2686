// Package lostcancel holds cancel functions nothing calls that go vet's
// lostcancel does not report, next to real hand-offs.
package lostcancel

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func use(ctx context.Context) {}

func blank(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // want `cancel from context.WithCancel is assigned to _ and never called, so the context it controls stays alive until its parent is done; call it \(defer cancel\(\)\)`
	_ = cancel
	use(ctx)
}

type poller struct {
	cancel context.CancelFunc
	stop   func()
}

func (p *poller) start(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is stored in poller.cancel, which nothing in this package calls`
	p.cancel = cancel
	use(ctx)
}

type ticker struct{ cancel context.CancelFunc }

func (t *ticker) start(parent context.Context) {
	var ctx context.Context
	ctx, t.cancel = context.WithTimeout(parent, time.Minute) // want `stored in ticker.cancel, which nothing in this package calls`
	use(ctx)
}

// newCtx is a wrapper: its callers own the cancel function.
func newCtx(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(parent, time.Second)
}

func wrapperDiscarded(parent context.Context) {
	ctx, _ := newCtx(parent) // want `the cancel function returned by newCtx is discarded`
	use(ctx)
}

func wrapperNeverCalled(parent context.Context) {
	ctx, cancel := newCtx(parent) // want `cancel from newCtx is never called`
	use(ctx)
	fmt.Println(cancel == nil)
}

func wrapperNotOnEveryPath(parent context.Context, fail bool) error {
	ctx, cancel := newCtx(parent) // want `cancel from newCtx is not called on the path that returns at line 59`
	if fail {
		return fmt.Errorf("failed")
	}
	defer cancel()
	use(ctx)
	return nil
}

// closeWrapper returns a closure that calls the cancel function.
func closeWrapper(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, func() { cancel() }
}

func closureDiscarded(parent context.Context) {
	ctx, _ := closeWrapper(parent) // want `the cancel function returned by closeWrapper is discarded`
	use(ctx)
}

func bareCall(parent context.Context) {
	context.WithCancel(parent) // want `the cancel function returned by context.WithCancel is discarded`
}

func notifyNeverStopped() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt) // want `stop from signal.NotifyContext is never called, so the signal handler stays installed`
	use(ctx)
	fmt.Println(stop != nil)
}

func notifyDiscarded() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt) // want `the stop function returned by signal.NotifyContext is discarded`
	use(ctx)
}

func logCancel(c context.CancelFunc) { fmt.Println(c != nil) }

func passedToNonCaller(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // want `cancel from context.WithCancel is passed to logCancel, which never calls it`
	logCancel(cancel)
	use(ctx)
}

func deferInLoop(parent context.Context, jobs []string) {
	for range jobs {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		use(ctx)
	}
}

var stopAll context.CancelFunc

func storeGlobalUnread(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // want `stored in the package variable stopAll, which nothing in this package calls`
	stopAll = cancel
	use(ctx)
}

// ---- go vet's lostcancel reports these: gocancel stays silent ----

func vetBlank(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func vetUnused(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	use(ctx)
	if ctx == nil {
		cancel()
	}
}

// ---- hand-offs: silent ----

func deferred(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	use(ctx)
}

func calledInGoroutine(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		time.Sleep(time.Second)
		cancel()
	}()
	use(ctx)
}

func returnedAlone(parent context.Context) context.CancelFunc {
	ctx, cancel := context.WithCancel(parent)
	use(ctx)
	return cancel
}

type handle struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// RULES gocancel 3: a cancel stored in an unexported field of a returned
// struct is not transferred unless some method calls that field; nothing
// in this package reads handle.cancel.
func returnedInStruct(parent context.Context) handle {
	ctx, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is stored in handle.cancel, which nothing in this package calls`
	return handle{ctx: ctx, cancel: cancel}
}

func returnedInPointer(parent context.Context) *handle {
	h := &handle{}
	h.ctx, h.cancel = context.WithCancel(parent) // want `stored in handle.cancel, which nothing in this package calls`
	return h
}

// Negative twin: the field of the returned struct is called by a method.
type lease struct {
	ctx     context.Context
	release context.CancelFunc
}

func (l lease) end() { l.release() }

func newLease(parent context.Context) lease {
	ctx, cancel := context.WithCancel(parent)
	return lease{ctx: ctx, release: cancel}
}

type service struct{ cancel context.CancelFunc }

func (s *service) Start(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	s.cancel = cancel
	use(ctx)
}

func (s *service) Close() { s.cancel() }

var stopServer context.CancelFunc

func storeGlobal(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	stopServer = cancel
	use(ctx)
}

func Shutdown() {
	if stopServer != nil {
		stopServer()
	}
}

func cleanups(parent context.Context, n int) {
	var fns []func()
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(parent)
		fns = append(fns, cancel)
		use(ctx)
	}
	for _, f := range fns {
		f()
	}
}

type group struct{ stops []context.CancelFunc }

func (g *group) add(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	g.stops = append(g.stops, cancel)
	use(ctx)
}

func (g *group) stopAll() {
	for _, s := range g.stops {
		s()
	}
}

func callsIt(c context.CancelFunc) { c() }

func passedToCaller(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer callsIt(cancel)
	use(ctx)
}

func afterFunc(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	time.AfterFunc(time.Second, cancel)
	use(ctx)
}

func contextAfterFunc(parent, other context.Context) {
	ctx, cancel := context.WithCancel(parent)
	context.AfterFunc(other, cancel)
	use(ctx)
}

func notifyStopped() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	use(ctx)
}

func wrapperDeferred(parent context.Context) {
	ctx, cancel := newCtx(parent)
	defer cancel()
	use(ctx)
}

func deferredClosure(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer func() {
		cancel()
	}()
	use(ctx)
}

type watcher struct{ cancel context.CancelFunc }

func (w *watcher) Stop() { w.cancel() }

func newWatcher(parent context.Context) *watcher {
	ctx, cancel := context.WithCancel(parent)
	use(ctx)
	return &watcher{cancel: cancel}
}

type registry struct{ cancels map[string]context.CancelFunc }

func (r *registry) track(parent context.Context, id string) {
	ctx, cancel := context.WithCancel(parent)
	r.cancels[id] = cancel
	use(ctx)
}

func (r *registry) cancelAll() {
	for _, c := range r.cancels {
		c()
	}
}

func watch(ctx context.Context, cancel context.CancelFunc) {
	<-ctx.Done()
	cancel()
}

func handedToGoroutine(parent, other context.Context) {
	ctx, cancel := context.WithCancel(parent)
	go watch(other, cancel)
	use(ctx)
}

func loopCancelledEachIteration(parent context.Context, jobs []string) {
	for range jobs {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		use(ctx)
		cancel()
	}
}

// The shape of nats.go's wrapContextWithoutDeadline: no cancel function
// when the context already has a deadline.
func withDefaultTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, nil
	}
	return context.WithTimeout(ctx, time.Second)
}

func nilChecked(parent context.Context) error {
	ctx, cancel := withDefaultTimeout(parent)
	if cancel != nil {
		defer cancel()
	}
	use(ctx)
	return nil
}

func blankDeadline(parent context.Context) {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Second)) // want `cancel from context.WithDeadline is assigned to _ and never called`
	_ = cancel
	use(ctx)
}

func causeDiscarded(parent context.Context) {
	context.WithCancelCause(parent) // want `the cancel function returned by context.WithCancelCause is discarded`
}

// startWatch returns the cancel function of the goroutine it starts.
func startWatch(parent context.Context) context.CancelFunc {
	ctx, cancel := context.WithCancel(parent)
	go func() { <-ctx.Done() }()
	return cancel
}

func watchDiscarded(parent context.Context) {
	startWatch(parent) // want `the cancel function returned by startWatch is discarded`
}

func watchBlank(parent context.Context) {
	_ = startWatch(parent) // want `the cancel function returned by startWatch is discarded`
}

func watchKept(parent context.Context) context.CancelFunc {
	stop := startWatch(parent)
	return stop
}

type conn struct{ cancelRead context.CancelFunc }

func (c *conn) armRead(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `stored in conn.cancelRead, which nothing in this package calls`
	c.cancelRead = cancel
	use(ctx)
}

func (c *conn) reading() bool { return c.cancelRead != nil }

func nestedLoops(parent context.Context, rows [][]string) {
	for _, row := range rows {
		for range row {
			ctx, cancel := context.WithCancel(parent)
			defer cancel() // want `defer cancel\(\) inside a loop`
			use(ctx)
		}
	}
}

func loopBodyInFunc(parent context.Context, jobs []string) {
	for range jobs {
		func() {
			ctx, cancel := context.WithTimeout(parent, time.Second)
			defer cancel()
			use(ctx)
		}()
	}
}
