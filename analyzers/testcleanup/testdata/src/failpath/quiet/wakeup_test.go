package quiet

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Goroutines whose wait the test's own teardown ends: what they do once
// woken that way decides whether the teardown provokes a report.

// healthClient is a generated RPC client: its body is not here.
type healthClient interface {
	Check(ctx context.Context, service string, opts ...grpc.CallOption) error
}

// health is the client the tests below share.
var health healthClient

// Negative: the deferred Close makes Accept fail, but that error only
// ends the greeter silently; its one report is on a failed write, which
// the test's end does not provoke.
func TestGreeterQuietOnClosedListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		if _, err := io.WriteString(c, "hello\n"); err != nil {
			t.Errorf("greet: %v", err)
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 6)
	if _, err := io.ReadFull(c, buf); err != nil {
		t.Fatal(err)
	}
}

// Positive twin: the same greeter reports the Accept error that the
// cleanup's Close provokes when no client came.
func TestGreeterReportsClosedListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		defer c.Close()
		_, _ = io.WriteString(c, "hello\n")
	}()
}

// Negative: the goroutine reports only when the lookup succeeds; the
// deferred cancel makes it fail, so the test's end provokes nothing.
func TestUnknownHostStaysUnresolved(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		if addrs, err := net.DefaultResolver.LookupHost(ctx, "gopher.invalid"); err == nil {
			t.Errorf("resolved %v, want no address", addrs)
		}
	}()
}

// Positive twin: the goroutine reports the lookup's error, which the
// deferred cancel provokes.
func TestHostResolvesBeforeCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if _, err := net.DefaultResolver.LookupHost(ctx, "localhost"); err != nil {
			t.Errorf("lookup: %v", err)
		}
	}()
}

// Negative: the check is expected to end cancelled, and the cancel the
// test makes (and defers) yields exactly that code.
func TestCheckEndsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		err := health.Check(ctx, "db")
		if status.Code(err) != codes.Canceled {
			t.Errorf("Check = %v, want Canceled", err)
		}
	}()
	cancel()
}

// Negative: the same expectation written with errors.Is.
func TestWatchEndsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		if err := health.Check(ctx, "cache"); !errors.Is(err, context.Canceled) {
			t.Errorf("Check = %v, want context.Canceled", err)
		}
	}()
}

// Positive twin: the goroutine tolerates only the deadline, but the
// deferred cancel ends the call with Canceled, which it reports.
func TestCheckToleratesOnlyDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := health.Check(ctx, "db"); err != nil && status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("Check: %v", err)
		}
	}()
}

// event is what a watcher sees.
type event struct{ ok bool }

// Negative: the select wakes in its ctx.Done() case when the deferred
// cancel runs, and that case returns silently; the report is on a bad
// event, which the test's end does not send.
func TestWatcherStopsSilently(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan event)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case ev := <-events:
				if !ev.ok {
					t.Error("bad event")
				}
			}
		}
	}()
	events <- event{ok: true}
}

// Positive twin: here the ctx.Done() case is the one that reports.
func TestWatcherReportsMissingEvent(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan event)
	// category: normal
	go func() { // want `goroutine calls t.Error but the test does not wait for it`
		select {
		case ev := <-events:
			_ = ev
		case <-ctx.Done():
			t.Error("no event before the end")
		}
	}()
}

// oneShot serves a single connection on a listener it owns: nobody else
// closes it, so its Accept waits for a client and fails only on a real
// error.
func oneShot(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer ln.Close()
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		c.Close()
	}()
	return ln.Addr().String()
}

// Positive twin: the same listener accepted in a loop serves every client
// that comes, after the test too, and reports a failed write to one that
// hung up.
func greetAll(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		defer ln.Close()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if _, err := io.WriteString(c, "hello\n"); err != nil {
				t.Errorf("greet: %v", err)
			}
			c.Close()
		}
	}()
	return ln.Addr().String()
}

// console is a fake terminal a helper makes for a test; its cleanup
// closes the pipe the code under test reads.
type console struct {
	r, w *os.File
	mu   sync.Mutex
	out  strings.Builder
}

func newConsole(t *testing.T) *console {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &console{r: r, w: w}
	t.Cleanup(func() {
		r.Close()
		w.Close()
	})
	return c
}

func (c *console) screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.String()
}

// WaitForText polls the screen until s shows: nothing the test closes
// ends it, whatever its name says.
func (c *console) WaitForText(s string) {
	for !strings.Contains(c.screen(), s) {
		time.Sleep(time.Millisecond)
	}
}

// Type sends keys to the code under test.
func (c *console) Type(keys string) error {
	_, err := c.w.WriteString(keys)
	return err
}

// ReadAnswer waits for the line the code under test writes back: the
// cleanup's Close ends it with an error.
func (c *console) ReadAnswer() (string, error) {
	return bufio.NewReader(c.r).ReadString('\n')
}

// Negative: the typist polls the screen, then types; it asserts only,
// and nothing the test's cleanup closes wakes it.
func TestConsoleTypistOnlyFails(t *testing.T) {
	c := newConsole(t)
	go func() {
		c.WaitForText("Name:")
		assert.NoError(t, c.Type("gopher\n"))
	}()
	_ = c.screen()
}

// Positive twin: the goroutine waits for an answer on the pipe the
// cleanup closes, and asserts the read's error: the cleanup provokes it.
func TestConsoleAnswerReader(t *testing.T) {
	c := newConsole(t)
	// category: normal
	go func() { // want `goroutine calls assert.NoError but the test does not wait for it`
		_, err := c.ReadAnswer()
		assert.NoError(t, err)
	}()
	_ = c.screen()
}

// prober checks a service without gRPC: its error for a cancelled
// context is ctx.Err() itself, whose gRPC code is Unknown.
type prober interface {
	Probe(ctx context.Context, service string) error
}

var probe prober

// Positive twin: status.Code of an error that is not a gRPC status is
// never Canceled, so the cancel provokes the report.
func TestProbeCodeIsNotCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := probe.Probe(ctx, "db"); status.Code(err) != codes.Canceled {
			t.Errorf("Probe = %v, want Canceled", err)
		}
	}()
}

// Negative: the poller tolerates its context's deadline, and the test
// waits that deadline out before it returns; the deferred cancels come
// after, so every call the poller makes then fails with the deadline.
func TestPollerStopsAtDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	pollCtx, stop := context.WithTimeout(ctx, 50*time.Millisecond)
	defer stop()
	go func() {
		for pollCtx.Err() == nil {
			if err := health.Check(pollCtx, "db"); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Check: %v", err)
				return
			}
		}
	}()
	<-pollCtx.Done()
}

// Positive twin: the test stops the poller itself before the deadline,
// so its call fails with context.Canceled, which it reports.
func TestPollerStoppedEarly(t *testing.T) {
	pollCtx, stop := context.WithTimeout(context.Background(), time.Second)
	defer stop()
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		for pollCtx.Err() == nil {
			if err := health.Check(pollCtx, "db"); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Check: %v", err)
				return
			}
		}
	}()
	time.Sleep(10 * time.Millisecond)
	stop()
	<-pollCtx.Done()
}

// Positive twin: in short mode the test returns before the deadline, and
// the deferred cancel fails the poller's call with context.Canceled.
func TestPollerSkippedInShortMode(t *testing.T) {
	pollCtx, stop := context.WithTimeout(context.Background(), time.Second)
	defer stop()
	// category: normal
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		for pollCtx.Err() == nil {
			if err := health.Check(pollCtx, "db"); status.Code(err) != codes.OK && status.Code(err) != codes.DeadlineExceeded {
				t.Errorf("Check: %v", err)
				return
			}
		}
	}()
	if testing.Short() {
		return
	}
	<-pollCtx.Done()
}
