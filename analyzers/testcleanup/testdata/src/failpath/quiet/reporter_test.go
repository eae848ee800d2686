package quiet

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keypad is a fake terminal: the test types into it from a goroutine
// while the code under test reads the keys.
type keypad struct{ typed []string }

func (k *keypad) awaitPrompt(s string) error { return nil }
func (k *keypad) press(s string) error       { k.typed = append(k.typed, s); return nil }
func (k *keypad) line() string               { return "gopher" }

// mustOK ends the test when err is not nil; it says nothing otherwise.
func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected: %v", err)
	}
}

// Negative: the typing goroutine is not waited for, but it uses t only in
// require checks; on a passing run its last key is what the test reads,
// so it has nothing left to report when the test ends.
func TestTypedAnswer(t *testing.T) {
	kp := &keypad{}
	go func() {
		require.NoError(t, kp.awaitPrompt("name?"))
		require.NoError(t, kp.press("gopher"))
	}()
	if got := kp.line(); got != "gopher" {
		t.Errorf("got %q", got)
	}
}

// Negative: the failure report sits in a helper of this package, which
// only fails the test.
func TestTypedAnswerThroughHelper(t *testing.T) {
	kp := &keypad{}
	go func() {
		mustOK(t, kp.press("y"))
	}()
	_ = kp.line()
}

// Negative: assert checks and a t.Errorf under a condition, none of which
// the test's end provokes (the dial does not wait on anything the test
// closes).
func TestDialerReportsOnlyFailures(t *testing.T) {
	addr := "127.0.0.1:1"
	go func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Errorf("dial: %v", err)
			return
		}
		assert.NoError(t, c.Close())
	}()
}

// Positive twin: the goroutine logs on the passing path, which panics
// once the test has completed.
func TestTypedAnswerLogged(t *testing.T) {
	kp := &keypad{}
	// category: normal
	go func() { // want `goroutine calls require.NoError but the test does not wait for it`
		require.NoError(t, kp.press("gopher"))
		t.Logf("typed")
	}()
	_ = kp.line()
}

// Positive twin: the deferred Close of the listener makes Accept fail
// once the test returns, so the t.Errorf runs on the passing path.
func TestAcceptFailsAtTeardown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		c.Close()
	}()
}

// Positive twin: a read on a connection the test's cleanup closes.
func TestReadFailsAtCleanup(t *testing.T) {
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		buf := make([]byte, 4)
		if _, err := b.Read(buf); err != nil {
			t.Errorf("read: %v", err)
		}
	}()
}

// Positive twin: the test cancels the context the goroutine waits on, and
// that case reports.
func TestReportsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results := make(chan int, 1)
	// category: normal
	go func() { // want `goroutine calls t.Error but the test does not wait for it`
		select {
		case <-results:
		case <-ctx.Done():
			t.Error("no result before the end")
		}
	}()
}

// Positive twin: a call handed the context the test cancels fails with
// it, and the goroutine reports that failure.
func TestCallFailsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// category: normal
	go func() { // want `goroutine calls require.NoError but the test does not wait for it`
		require.NoError(t, poll(ctx))
	}()
}

func poll(ctx context.Context) error {
	<-ctx.Done()
	return errors.New("stopped")
}

// startAPI runs a server until the process ends.
func startAPI() error {
	return http.ListenAndServe("127.0.0.1:0", http.NotFoundHandler())
}

// Positive twin: the goroutine only asserts, but its work, serving, is
// never done: it outlives the passing test.
func TestAPIServedForever(t *testing.T) {
	// category: normal
	go func() { // want `goroutine calls assert.NoError but the test does not wait for it`
		assert.NoError(t, startAPI())
	}()
}

// peer reads messages from a connection through a helper goroutine, with
// a timeout.
type peer struct {
	c    net.Conn
	msgs chan string
	errs chan error
}

func newPeer(t *testing.T, c net.Conn) *peer {
	t.Cleanup(func() { c.Close() })
	return &peer{c: c, msgs: make(chan string, 1), errs: make(chan error, 1)}
}

func (p *peer) next() (string, error) {
	go func() {
		buf := make([]byte, 16)
		n, err := p.c.Read(buf)
		if err != nil {
			p.errs <- err
			return
		}
		p.msgs <- string(buf[:n])
	}()
	select {
	case m := <-p.msgs:
		return m, nil
	case err := <-p.errs:
		return "", err
	}
}

// Positive twin: the peer a helper made with t is closed by that
// helper's cleanup, which ends the read the goroutine waits in; its
// report of an unexpected message then runs on the passing path.
func TestPeerReaderEndsAtCleanup(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	p := newPeer(t, b)
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		for {
			m, err := p.next()
			if err != nil {
				return
			}
			if m != "ping" {
				t.Errorf("unexpected %q", m)
			}
		}
	}()
}

// serveOne accepts one connection on a listener its caller owns.
func serveOne(t *testing.T, ln net.Listener) {
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		c.Close()
	}()
}

// The caller of serveOne closes the listener when it returns.
func TestServeOneClosedByCaller(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	serveOne(t, ln)
}

// Positive: a proxy goroutine uses t only when its dial fails, but it
// pumps a connection that the test never closes: it ends when the peer
// hangs up, not when its work is done, so a passing test can end while
// it still runs (and a later dial failure reports into a finished test).
func TestRelayPumpsUntilPeerCloses(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			go func(in net.Conn) { // want `goroutine calls t.Error but the test does not wait for it`
				out, err := net.Dial("tcp", "127.0.0.1:9")
				if err != nil {
					t.Error(err)
					return
				}
				defer out.Close()
				_, _ = io.Copy(out, in)
			}(in)
		}
	}()
}

// Negative twin: the same relay without the pump reports only a failure
// of its dial and is then done.
func TestRelayDialsOnce(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			go func(in net.Conn) {
				defer in.Close()
				out, err := net.Dial("tcp", "127.0.0.1:9")
				if err != nil {
					t.Error(err)
					return
				}
				_ = out.Close()
			}(in)
		}
	}()
}
