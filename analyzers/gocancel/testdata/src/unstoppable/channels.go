package unstoppable

import (
	"bufio"
	"net"
	"time"
)

func tickerRange() {
	t := time.NewTicker(time.Second)
	go func() { // want `the loop at line 12 never exits: t.C is a ticker's channel: Stop does not close it.*select on the timer's channel`
		for range t.C {
			work()
		}
	}()
}

func tickRange() {
	go func() { // want `the loop at line 20 never exits: time.Tick\(time.Second\) comes from time.Tick, whose channel is never closed`
		for range time.Tick(time.Second) {
			work()
		}
	}()
}

func tickerSelectNoExit() {
	t := time.NewTicker(time.Second)
	go func() { // want `the loop at line 29 has no exit; give it a stop signal`
		for {
			select {
			case <-t.C:
				work()
			}
		}
	}()
}

func sleepLoop() {
	go func() { // want `the loop at line 40 has no exit`
		for {
			work()
			time.Sleep(time.Minute)
		}
	}()
}

func pollForever() {
	go poll() // want `in poll, the loop at line 52 has no exit`
}

func poll() {
	for {
		work()
		time.Sleep(time.Second)
	}
}

func nilChannel() {
	var done chan struct{}
	go func() { // want `the loop at line 61 never exits: done is nil \(never assigned\).*make the channel before the goroutine starts`
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Second):
				work()
			}
		}
	}()
}

func selectForever() {
	go func() { // want `it blocks forever at line 75: select \{\} blocks forever`
		work()
		select {}
	}()
}

// A worker whose quit channel nothing in the package closes.
type worker struct {
	quit chan struct{}
	jobs chan job
}

func newWorker() *worker {
	w := &worker{quit: make(chan struct{}), jobs: make(chan job)}
	go w.loop() // want `in worker.loop, the loop at line 94 never exits: w.quit is an unexported field that nothing in this package sends on or closes.*close the channel in the method that ends the work`
	return w
}

func (w *worker) Submit(j job) { w.jobs <- j }

func (w *worker) loop() {
	for {
		select {
		case <-w.quit:
			return
		case j := <-w.jobs:
			process(j)
		}
	}
}

// A queue drained by a range over a field nothing closes.
type queue struct{ items chan job }

func newQueue() *queue {
	q := &queue{items: make(chan job, 16)}
	go q.drain() // want `in queue.drain, the loop at line 116 never exits: q.items is an unexported field that nothing in this package closes`
	return q
}

func (q *queue) Push(j job) { q.items <- j }

func (q *queue) drain() {
	for j := range q.items {
		process(j)
	}
}

var events = make(chan job)

func watchEvents() {
	go func() { // want `events is an unexported package variable that nothing in this package closes`
		for e := range events {
			process(e)
		}
	}()
}

func Emit(j job) { events <- j }

// A local channel the producer never closes.
func consumeUnclosed(items []job) {
	ch := make(chan job)
	go func() { // want `the loop at line 137 never exits: ch is never closed.*close the channel when the producer is done`
		for j := range ch {
			process(j)
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

// ---- live look-alikes ----

// stoppable closes its quit channel in Close.
type stoppable struct {
	quit chan struct{}
	t    *time.Ticker
}

func newStoppable() *stoppable {
	s := &stoppable{quit: make(chan struct{}), t: time.NewTicker(time.Second)}
	go s.loop()
	return s
}

func (s *stoppable) loop() {
	for {
		select {
		case <-s.quit:
			return
		case <-s.t.C:
			work()
		}
	}
}

func (s *stoppable) Close() {
	s.t.Stop()
	close(s.quit)
}

// signalled: someone sends on the quit channel instead of closing it.
type signalled struct{ quit chan bool }

func newSignalled() *signalled {
	s := &signalled{quit: make(chan bool)}
	go s.loop()
	return s
}

func (s *signalled) loop() {
	for {
		select {
		case <-s.quit:
			return
		case <-time.After(time.Second):
			work()
		}
	}
}

func (s *signalled) Stop() { s.quit <- true }

// Exported channel fields may be closed by other packages.
type Pub struct{ Done chan struct{} }

func (p *Pub) Start() {
	go func() {
		<-p.Done
		work()
	}()
}

// A parameter: the caller decides.
func rangeParam(ch <-chan job) {
	go func() {
		for j := range ch {
			process(j)
		}
	}()
}

// A closed local channel ends the range.
func consumeClosed(items []job) {
	ch := make(chan job)
	go func() {
		for j := range ch {
			process(j)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
}

// The channel handed to a helper that closes it.
func closeVia(ch chan job) { close(ch) }

func consumeClosedByHelper(items []job) {
	ch := make(chan job)
	go func() {
		for j := range ch {
			process(j)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	closeVia(ch)
}

// An I/O loop ends when the listener is closed.
type acceptor struct{ ln net.Listener }

func (a *acceptor) Start() {
	go func() {
		for {
			c, err := a.ln.Accept()
			if err != nil {
				return
			}
			go a.handle(c)
		}
	}()
}

func (a *acceptor) handle(c net.Conn) {
	defer c.Close()
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		work()
	}
}

func (a *acceptor) Close() error { return a.ln.Close() }

// A bounded loop.
func retry() {
	go func() {
		for i := 0; i < 3; i++ {
			work()
			time.Sleep(time.Second)
		}
	}()
}

// time.After as a one-shot timeout is live.
func timeoutWait(ch chan job) {
	go func() {
		select {
		case j := <-ch:
			process(j)
		case <-time.After(time.Minute):
		}
	}()
}

// A ticker loop that ends when a flag says so.
func tickerWithFlag(stop func() bool) {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for range t.C {
			if stop() {
				return
			}
		}
	}()
}

// A timer channel received once: it fires.
func timerOnce() {
	t := time.NewTimer(time.Second)
	go func() {
		<-t.C
		work()
	}()
}

// Panicking ends the goroutine (and the program): not a leak.
func panicOnError(ch chan error) {
	go func() {
		for {
			if err := <-ch; err != nil {
				panic(err)
			}
		}
	}()
}

// An accessor that returns a field nothing closes.
type stopper struct{ quiesce chan struct{} }

func (s *stopper) ShouldQuiesce() <-chan struct{} {
	if s == nil {
		return nil
	}
	return s.quiesce
}

func newStopper() *stopper { return &stopper{quiesce: make(chan struct{})} }

func waitQuiesce(s *stopper) {
	go func() { // want `it blocks forever at line 340: s.ShouldQuiesce\(\) is an unexported field that nothing in this package sends on or closes`
		<-s.ShouldQuiesce()
		work()
	}()
}

// A result nobody collects.
func fireAndForget() {
	go func() { // want `it blocks forever at line 348: the channel is never received from; receive from the channel`
		make(chan int) <- 1
	}()
	results := make(chan int)
	go func() { // want `the goroutine sends on results, but fireAndForget can return at line 354 without receiving from it`
		results <- 1
	}()
}

// An accessor of a field that Close closes: live.
type closer struct{ done chan struct{} }

func (c *closer) Done() <-chan struct{} { return c.done }

func (c *closer) Close() { close(c.done) }

func waitCloser(c *closer) {
	go func() {
		<-c.Done()
		work()
	}()
}

// A buffered result channel holds the send.
func bufferedResult() {
	results := make(chan int, 1)
	go func() {
		results <- 1
	}()
}

// A process-lifetime worker, acknowledged.
func startMetrics() {
	//leakvet:ignore gocancel runs for the life of the process by design
	go poll()
}
