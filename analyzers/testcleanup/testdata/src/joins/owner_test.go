package joins

import (
	"errors"
	"net"
	"sync"
	"testing"
)

// ---- WaitGroups and done channels owned by the caller (issue 11) ----

func acceptOne(ln net.Listener) error {
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	return c.Close()
}

// Negative: the helper adds to the caller's WaitGroup before starting the
// goroutine, which defers Done; every caller (through a forwarding helper)
// defers Wait.
func startAcceptor(t *testing.T, ln net.Listener, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := acceptOne(ln); err != nil {
			t.Errorf("accept: %v", err)
		}
	}()
}

func startDefaultAcceptor(t *testing.T, ln net.Listener, wg *sync.WaitGroup) {
	startAcceptor(t, ln, wg)
}

func TestAcceptorWaitedByDefer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer ln.Close()
	startDefaultAcceptor(t, ln, &wg)
}

func TestAcceptorWaitedAtEnd(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	startAcceptor(t, ln, &wg)
	ln.Close()
	wg.Wait()
}

// Positive twin: one caller of the helper returns on a path before its
// Wait, so the goroutine may still report into a finished test.
func startEarlyAcceptor(t *testing.T, ln net.Listener, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		defer wg.Done()
		if err := acceptOne(ln); err != nil {
			t.Errorf("accept: %v", err)
		}
	}()
}

func TestEarlyAcceptorWaited(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	var wg sync.WaitGroup
	startEarlyAcceptor(t, ln, &wg)
	ln.Close()
	wg.Wait()
}

func TestEarlyAcceptorSkipsWait(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	var wg sync.WaitGroup
	startEarlyAcceptor(t, ln, &wg)
	ln.Close()
	if testing.Short() {
		return
	}
	wg.Wait()
}

// Negative: a goroutine two closures deep signals a WaitGroup the test
// made, added to before the closures exist, and the test waits for it
// on every path that does not fail.
type hooks struct {
	onEvent func(n int)
}

func fire(h hooks) { h.onEvent(1) }

func TestNestedCapturedWaitGroup(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(2)
	h := hooks{onEvent: func(n int) {
		go func() {
			go func() {
				if n < 0 {
					t.Error("negative event")
				}
				wg.Done()
			}()
			wg.Done()
		}()
	}}
	fire(h)
	wg.Wait()
}

// Positive twin: the same shape, but the test never waits.
func TestNestedCapturedWaitGroupNeverWaited(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(2)
	h := hooks{onEvent: func(n int) {
		go func() {
			go func() { // want `goroutine calls t.Error but the test does not wait for it`
				if n < 0 {
					t.Error("negative event")
				}
				wg.Done()
			}()
			wg.Done()
		}()
	}}
	fire(h)
}

// Positive twin: Add runs inside the goroutine, so the Wait may run
// before it and join nothing (two closures deep: one level is answered
// by the enclosing function's wait anywhere, joinedByParent).
func TestNestedAddInsideGoroutine(t *testing.T) {
	var wg sync.WaitGroup
	h := hooks{onEvent: func(n int) {
		run := func() {
			go func() { // want `goroutine calls t.Error but the test does not wait for it`
				wg.Add(1)
				defer wg.Done()
				if n < 0 {
					t.Error("negative event")
				}
			}()
		}
		run()
	}}
	fire(h)
	wg.Wait()
}

// Negative: a serving method tracks its per-connection goroutines, started
// two closures deep, with a local WaitGroup, and a deferred closure waits
// for them before returning.
type echoServer struct {
	ln   net.Listener
	done chan struct{}
}

func (s *echoServer) serve(t *testing.T) {
	var wg sync.WaitGroup
	defer func() {
		wg.Wait()
		close(s.done)
	}()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		handle := func(c net.Conn) {
			spawn := func() {
				wg.Add(1)
				go func() {
					if _, err := c.Write([]byte("hi")); err != nil {
						t.Errorf("write: %v", err)
					}
					wg.Done()
				}()
			}
			spawn()
		}
		handle(c)
	}
}

// Positive twin: the serving method waits only on its normal path; an
// early return on a closed listener skips the Wait.
func (s *echoServer) serveEarly(t *testing.T) {
	var wg sync.WaitGroup
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		if c == nil {
			break
		}
		handle := func(c net.Conn) {
			spawn := func() {
				wg.Add(1)
				go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
					if _, err := c.Write([]byte("hi")); err != nil {
						t.Errorf("write: %v", err)
					}
					wg.Done()
				}()
			}
			spawn()
		}
		handle(c)
	}
	wg.Wait()
}

// Negative: the helper's goroutine ends on every path by sending on or
// closing the done channel it was given, and every caller receives from
// it before returning.
func handshake(t *testing.T, ln net.Listener, done chan error) {
	c, err := ln.Accept()
	if err != nil {
		t.Errorf("accept: %v", err)
		close(done)
		return
	}
	done <- c.Close()
}

func launchHandshake(t *testing.T, done chan error) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go handshake(t, ln, done)
	return ln
}

func TestHandshakeReceived(t *testing.T) {
	done := make(chan error, 1)
	ln := launchHandshake(t, done)
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestHandshakeReceivedInSelect(t *testing.T) {
	done := make(chan error, 1)
	ln := launchHandshake(t, done)
	defer ln.Close()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, net.ErrClosed) {
			t.Fatal(err)
		}
	}
}

// Positive twin: one caller of the helper returns without receiving.
func handshakeOnce(t *testing.T, ln net.Listener, done chan error) {
	c, err := ln.Accept()
	if err != nil {
		t.Errorf("accept: %v", err)
		close(done)
		return
	}
	done <- c.Close()
}

func launchHandshakeOnce(t *testing.T, done chan error) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go handshakeOnce(t, ln, done) // want `goroutine calls t.Errorf but the test does not wait for it`
	return ln
}

func TestHandshakeOnceReceived(t *testing.T) {
	done := make(chan error, 1)
	ln := launchHandshakeOnce(t, done)
	defer ln.Close()
	<-done
}

func TestHandshakeOnceDropped(t *testing.T) {
	done := make(chan error, 1)
	ln := launchHandshakeOnce(t, done)
	ln.Close()
}

// Positive twin: the goroutine sends only on its success path; a failed
// accept returns without a signal, so the receive is not a join.
func handshakeMaybe(t *testing.T, ln net.Listener, done chan error) {
	c, err := ln.Accept()
	if err != nil {
		t.Errorf("accept: %v", err)
		return
	}
	done <- c.Close()
}

func launchHandshakeMaybe(t *testing.T, done chan error) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go handshakeMaybe(t, ln, done) // want `goroutine calls t.Errorf but the test does not wait for it`
	return ln
}

func TestHandshakeMaybeReceived(t *testing.T) {
	done := make(chan error, 1)
	ln := launchHandshakeMaybe(t, done)
	defer ln.Close()
	<-done
}

// Positive twin: the goroutine signals readiness and then keeps working
// (and reporting) after the send, so the caller's receive waits for the
// signal, not for the goroutine's end.
func launchAndKeepReading(t *testing.T, ln net.Listener, ready chan struct{}) {
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			close(ready)
			return
		}
		ready <- struct{}{}
		buf := make([]byte, 8)
		if _, err := c.Read(buf); err != nil {
			t.Errorf("read: %v", err)
		}
	}()
}

func TestReadyIsNotDone(t *testing.T) {
	ln := listen(t)
	defer ln.Close()
	ready := make(chan struct{})
	launchAndKeepReading(t, ln, ready)
	if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		defer c.Close()
	}
	<-ready
}
