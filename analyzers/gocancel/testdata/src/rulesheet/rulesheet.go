// Package rulesheet holds one positive and one negative case for every
// rule of gocancel and every dead stop source RULES names, written from
// RULES alone.
package rulesheet

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"time"
)

type event struct{ n int }

func handle(e event) {}

func refresh() {}

// ---- rule 1: unstoppable goroutines, one dead stop source each ----

func drainUntil(ctx context.Context, in <-chan event) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-in:
			handle(e)
		}
	}
}

// Dead: context.Background through WithValue.
func startDetachedDrain(in chan event) {
	ctx := context.WithValue(context.Background(), ctxKey{}, "drain")
	go drainUntil(ctx, in) // want `can never be stopped`
}

type ctxKey struct{}

// Live: the caller's context.
func startDrain(ctx context.Context, in chan event) {
	go drainUntil(ctx, in)
}

// Dead: a context whose cancel nothing calls.
func startOrphanedDrain(in chan event) context.Context {
	ctx, cancel := context.WithCancel(context.Background()) // want `cancel from context.WithCancel is assigned to _ and never called`
	_ = cancel
	go drainUntil(ctx, in) // want `can never be stopped`
	return ctx
}

// Live: WithTimeout ends by itself.
func startTimedDrain(in chan event) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	go func() {
		defer cancel()
		drainUntil(ctx, in)
	}()
}

// Dead: a nil channel as the only way out.
func startNilStop(in chan event) {
	var stop chan struct{}
	go func() { // want `can never be stopped`
		for {
			select {
			case <-stop:
				return
			case e := <-in:
				handle(e)
			}
		}
	}()
}

// Live: a stop channel the function returns.
func startStoppable(in chan event) chan struct{} {
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case e := <-in:
				handle(e)
			}
		}
	}()
	return stop
}

// Dead: ranging over a ticker's channel.
func startTickerRefresh(d time.Duration) *time.Ticker {
	tk := time.NewTicker(d)
	go func() { // want `can never be stopped`
		for range tk.C {
			refresh()
		}
	}()
	return tk
}

// Live: the ticker in a select with a done channel that Close closes.
type refresher struct {
	tk   *time.Ticker
	done chan struct{}
}

func newRefresher(d time.Duration) *refresher {
	r := &refresher{tk: time.NewTicker(d), done: make(chan struct{})}
	go func() {
		for {
			select {
			case <-r.tk.C:
				refresh()
			case <-r.done:
				return
			}
		}
	}()
	return r
}

func (r *refresher) Close() { r.tk.Stop(); close(r.done) }

// Dead: time.After as a close signal in a loop that waits only on it.
func startAfterLoop() {
	go func() { // want `can never be stopped`
		for {
			<-time.After(time.Second)
			refresh()
		}
	}()
}

// Dead: an unexported field nothing in the package closes.
type mailbox struct {
	quit  chan struct{}
	inbox chan event
}

func (m *mailbox) start() {
	go func() { // want `can never be stopped`
		for {
			select {
			case <-m.quit:
				return
			case e := <-m.inbox:
				handle(e)
			}
		}
	}()
}

// Live: an unexported field that a method closes.
type outbox struct {
	halt  chan struct{}
	queue chan event
}

func (o *outbox) start() {
	go func() {
		for {
			select {
			case <-o.halt:
				return
			case e := <-o.queue:
				handle(e)
			}
		}
	}()
}

func (o *outbox) stop() { close(o.halt) }

// Dead: select {}.
func startParked() {
	go func() { // want `can never be stopped`
		refresh()
		select {}
	}()
}

// Dead: a loop with no exit at all.
func startPoller() {
	go func() { // want `can never be stopped`
		for {
			refresh()
			time.Sleep(time.Second)
		}
	}()
}

// Live: a bounded loop.
func startRetries() {
	go func() {
		for i := 0; i < 5; i++ {
			refresh()
			time.Sleep(time.Second)
		}
	}()
}

// Silent: process lifetime, an init goroutine.
func init() {
	go func() {
		for {
			refresh()
			time.Sleep(time.Hour)
		}
	}()
}

// Silent: process lifetime, a sync.Once body.
var startOnce sync.Once

func ensureJanitor() {
	startOnce.Do(func() {
		go func() {
			for {
				refresh()
				time.Sleep(time.Hour)
			}
		}()
	})
}

// ---- rule 2: orphaned channel partners ----

func fetchOne() (event, error) { return event{}, nil }

// Positive: the ctx case returns and the unbuffered sender is stranded.
func fetchWithDeadline(ctx context.Context) (event, error) {
	res := make(chan event)
	go func() { // want `goroutine sends on res`
		e, _ := fetchOne()
		res <- e
	}()
	select {
	case e := <-res:
		return e, nil
	case <-ctx.Done():
		return event{}, ctx.Err()
	}
}

// Negative: a one-slot buffer holds the late send.
func fetchWithDeadlineBuffered(ctx context.Context) (event, error) {
	res := make(chan event, 1)
	go func() {
		e, _ := fetchOne()
		res <- e
	}()
	select {
	case e := <-res:
		return e, nil
	case <-ctx.Done():
		return event{}, ctx.Err()
	}
}

// Positive: N senders, an early return inside the receive loop.
func firstFailure(items []int) error {
	errs := make(chan error)
	for _, it := range items {
		go func() { // want `send on errs`
			errs <- check(it)
		}()
	}
	for range items {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

func check(int) error { return nil }

// Negative: buffered for every sender.
func firstFailureBuffered(items []int) error {
	errs := make(chan error, len(items))
	for _, it := range items {
		go func() {
			errs <- check(it)
		}()
	}
	for range items {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// Negative: the send sits in a select with a live stop case.
func fetchOrStop(ctx context.Context) (event, error) {
	res := make(chan event)
	go func() {
		e, _ := fetchOne()
		select {
		case res <- e:
		case <-ctx.Done():
		}
	}()
	select {
	case e := <-res:
		return e, nil
	case <-ctx.Done():
		return event{}, ctx.Err()
	}
}

// ---- rule 3: lost cancel functions ----

type poller struct {
	cancel context.CancelFunc
	ctx    context.Context
}

// Positive: stored in an unexported field that nothing calls.
func newPoller() *poller {
	ctx, cancel := context.WithCancel(context.Background()) // want `cancel`
	return &poller{ctx: ctx, cancel: cancel}
}

// Negative: stored in a field that a method calls.
type watcher struct {
	stop context.CancelFunc
	ctx  context.Context
}

func newWatcher() *watcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &watcher{ctx: ctx, stop: cancel}
}

func (w *watcher) Close() { w.stop() }

// Positive: a wrapper's cancel discarded by its caller.
func withBudget(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(parent, time.Second)
}

func budgetDiscarded(parent context.Context) context.Context {
	ctx, _ := withBudget(parent) // want `cancel`
	return ctx
}

// Negative: the wrapper's cancel deferred.
func budgetDeferred(parent context.Context) error {
	ctx, cancel := withBudget(parent)
	defer cancel()
	<-ctx.Done()
	return ctx.Err()
}

// Positive: signal.NotifyContext's stop never called outside main.
func waitForInterrupt(parent context.Context) {
	ctx, _ := signal.NotifyContext(parent, os.Interrupt) // want `stop|cancel`
	<-ctx.Done()
}

// Negative: the stop deferred.
func waitForInterruptStopped(parent context.Context) {
	ctx, stop := signal.NotifyContext(parent, os.Interrupt)
	defer stop()
	<-ctx.Done()
}

// Positive: defer cancel() inside a loop.
func pollAll(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel() // want `defer cancel\(\) inside a loop`
		<-ctx.Done()
	}
}

// Negative: the cancel called at the end of each iteration.
func pollAllCancelled(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		<-ctx.Done()
		cancel()
	}
}

// Negative: the cancel appended to a slice of cleanups that is called.
func cleanupsCalled(parent context.Context) {
	var cleanups []func()
	ctx, cancel := context.WithCancel(parent)
	cleanups = append(cleanups, cancel)
	<-ctx.Done()
	for _, c := range cleanups {
		c()
	}
}

// ---- rule 4: blocking timer drain ----

// Positive: the channel was already received from on the way here.
func waitTwice(d time.Duration) {
	tm := time.NewTimer(d)
	<-tm.C
	if !tm.Stop() {
		<-tm.C // want `block`
	}
}

// Negative: the drain where nothing has received yet.
func resetFresh(d time.Duration) {
	tm := time.NewTimer(d)
	if !tm.Stop() {
		<-tm.C
	}
	tm.Reset(d)
}

// ---- shapes of the GoKer kernels, fresh variants ----

// Positive: the workers range over a channel the spawner never closes.
func resizeAll(paths []string, workers int) {
	jobs := make(chan string)
	for i := 0; i < workers; i++ {
		go func() { // want `jobs is never closed`
			for p := range jobs {
				_ = p
			}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
}

// Negative: closed once every job is sent.
func resizeAllClosed(paths []string, workers int) {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				_ = p
			}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
}

// Positive: an early return before the only receive.
func probe(verbose bool) error {
	ack := make(chan struct{})
	go func() { // want `sends on ack`
		refresh()
		ack <- struct{}{}
	}()
	if !verbose {
		return nil
	}
	<-ack
	return nil
}

// Negative: the receive comes first on every path.
func probeWaited(verbose bool) error {
	ack := make(chan struct{})
	go func() {
		refresh()
		ack <- struct{}{}
	}()
	<-ack
	if !verbose {
		return nil
	}
	return nil
}

// Dead: a package variable nothing closes.
var shutdownSignal chan struct{}

func startJanitor(in chan event) {
	go func() { // want `can never be stopped`
		for {
			select {
			case <-shutdownSignal:
				return
			case e := <-in:
				handle(e)
			}
		}
	}()
}

// Live: a package variable that a function closes.
var drainSignal = make(chan struct{})

func stopDrainer() { close(drainSignal) }

func startDrainer(in chan event) {
	go func() {
		for {
			select {
			case <-drainSignal:
				return
			case e := <-in:
				handle(e)
			}
		}
	}()
}
