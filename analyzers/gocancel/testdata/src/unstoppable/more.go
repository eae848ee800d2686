package unstoppable

// More shapes: a discarded cancel, a goroutine parameter, a default
// case, a comma-ok receive, a timer range; and live look-alikes: a signal
// context, scanner and read loops, a done channel closed through
// sync.Once or an alias, a cancel returned in a struct or called by Stop,
// log.Fatal in an accept loop, a deferred close.

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"
)

// P1: cancel discarded with _ (vet reports the discard, gocancel the
// goroutine it strands).
func moreP1(in chan job) {
	ctx, _ := context.WithCancel(context.Background())
	go loopUntil(ctx, in) // want `in loopUntil, the loop at line 18 never exits: ctx comes from context.WithCancel whose cancel function is never called`
}

// P2: goroutine param bound to Background
func moreP2(in chan job) {
	go func(ctx context.Context) { // want `ctx comes from context.Background\(\)`
		for {
			select {
			case <-ctx.Done():
				return
			case <-in:
			}
		}
	}(context.Background())
}

// P3: default select loop
func moreP3() {
	ctx := context.Background()
	go func() { // want `the loop at line \d+ never exits: ctx comes from context.Background`
		for {
			select {
			case <-ctx.Done():
				return
			default:
				work()
				time.Sleep(time.Second)
			}
		}
	}()
}

// P4: ok-check on local channel never closed
func moreP4(xs []int) {
	ch := make(chan int)
	go func() { // want `ch is never closed`
		for {
			v, ok := <-ch
			if !ok {
				return
			}
			_ = v
		}
	}()
	for _, x := range xs {
		ch <- x
	}
}

// P5: timer range
func moreP5() {
	t := time.NewTimer(time.Second)
	go func() { // want `t.C is a timer's channel: Stop does not close it`
		for range t.C {
			work()
		}
	}()
}

// N1: NotifyContext ctx
func moreN1(in chan job) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go loopUntil(ctx, in)
}

// N2: range over scanner
func moreN2(r io.Reader) {
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			work()
		}
	}()
}

// N3: read loop
func moreN3(c net.Conn) {
	go func() {
		buf := make([]byte, 10)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
}

// N4: done closed via sync.Once in Close
type svc9 struct {
	once sync.Once
	done chan struct{}
}

func newSvc9() *svc9 {
	s := &svc9{done: make(chan struct{})}
	go s.run()
	return s
}

func (s *svc9) run() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			work()
		}
	}
}

func (s *svc9) Close() { s.once.Do(func() { close(s.done) }) }

// P (was N5): the cancel is stored in a struct that is returned, but
// nothing in the package reads handle9.cancel: RULES gocancel 3 says it
// is not transferred, so the context is never cancelled (rule 1).
type handle9 struct{ cancel context.CancelFunc }

func moreN5(in chan job) *handle9 {
	ctx, cancel := context.WithCancel(context.Background()) // want `stored in handle9.cancel, which nothing in this package calls`
	go loopUntil(ctx, in)                                   // want `can never be stopped: .*whose cancel function is never called`
	return &handle9{cancel: cancel}
}

// N5: the same, with a method that calls the field.
type handle10 struct{ cancel context.CancelFunc }

func (h *handle10) Close() { h.cancel() }

func moreN5Called(in chan job) *handle10 {
	ctx, cancel := context.WithCancel(context.Background())
	go loopUntil(ctx, in)
	return &handle10{cancel: cancel}
}

// N6: log.Fatal on error ends the process
func moreN6(l net.Listener) {
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				log.Fatal(err)
			}
			c.Close()
		}
	}()
}

// N7: local done closed by a deferred close
func moreN7() {
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				work()
			}
		}
	}()
	work()
}

// N8: cancel in a field called by Stop
type poller9 struct {
	cancel context.CancelFunc
}

func (p *poller9) Start(in chan job) {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go loopUntil(ctx, in)
}

func (p *poller9) Stop() { p.cancel() }

// N9: stop channel created by constructor, closed by Stop via a local alias
type w9 struct{ stop chan bool }

func (w *w9) run() {
	for {
		select {
		case <-w.stop:
			return
		case <-time.After(time.Second):
		}
	}
}

func newW9() *w9 {
	w := &w9{stop: make(chan bool)}
	go w.run()
	return w
}

func (w *w9) Stop() {
	ch := w.stop
	close(ch)
}

// RULES gocancel 1 dead stop source "time.After used as a close signal":
// ranging over it receives once, then blocks forever.
func rangeAfter() {
	go func() { // want `never exits`
		for range time.After(time.Second) {
			work()
		}
	}()
}

// RULES gocancel 1 "an unexported ... package variable of channel type
// that nothing in the package closes": this one is closed by Shutdown.
var quitAll = make(chan struct{})

func watchQuitAll() {
	go func() {
		for {
			select {
			case <-quitAll:
				return
			case <-time.After(time.Second):
				work()
			}
		}
	}()
}

func Shutdown() { close(quitAll) }

// RULES gocancel 1 live: WithDeadline.
func startWithDeadline(jobs chan job) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Minute))
	defer cancel()
	go loopUntil(ctx, jobs)
}

// RULES gocancel 1 live: I/O loops that end on error (Serve).
func serveLoop(srv *http.Server, ln net.Listener) {
	go func() {
		if err := srv.Serve(ln); err != nil {
			log.Print(err)
		}
	}()
	go srv.Serve(ln)
}

// RULES gocancel 1 live: I/O loops that end on error (Recv).
type stream interface{ Recv() (job, error) }

func recvLoop(s stream) {
	go func() {
		for {
			j, err := s.Recv()
			if err != nil {
				return
			}
			process(j)
		}
	}()
}

// RULES process lifetime: init of any package, a library's included,
// starts goroutines that live as long as the process.
func init() {
	go poll()
}

// RULES gocancel 1 "its static callee, followed a few calls deep": two
// calls down.
func pollTwoDeep() {
	go pollVia() // want `can never be stopped: .*poll`
}

func pollVia() { poll() }
