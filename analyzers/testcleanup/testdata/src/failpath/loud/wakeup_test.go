package loud

import (
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

// The goroutines of failpath/quiet's wakeup_test.go that the test's
// teardown wakes without provoking a report: under the flag they are
// reported, as fail paths.

// healthClient is a generated RPC client: its body is not here.
type healthClient interface {
	Check(ctx context.Context, service string, opts ...grpc.CallOption) error
}

// health is the client the tests below share.
var health healthClient

// The teardown's error ends the greeter silently.
func TestGreeterQuietOnClosedListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		if _, err := io.WriteString(c, "hello\n"); err != nil {
			t.Errorf("greet: %v", err)
		}
	}()
}

// The report is on the lookup's success, which the cancel prevents.
func TestUnknownHostStaysUnresolved(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if addrs, err := net.DefaultResolver.LookupHost(ctx, "gopher.invalid"); err == nil {
			t.Errorf("resolved %v, want no address", addrs)
		}
	}()
}

// The cancel yields the code the goroutine expects.
func TestCheckEndsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := health.Check(ctx, "db"); status.Code(err) != codes.Canceled {
			t.Errorf("Check = %v, want Canceled", err)
		}
	}()
}

// The same with errors.Is.
func TestWatchEndsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := health.Check(ctx, "cache"); !errors.Is(err, context.Canceled) {
			t.Errorf("Check = %v, want context.Canceled", err)
		}
	}()
}

// The cancelled case returns silently.
func TestWatcherStopsSilently(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan bool)
	// category: fail-path
	go func() { // want `goroutine calls t.Error but the test does not wait for it`
		for {
			select {
			case <-ctx.Done():
				return
			case ok := <-events:
				if !ok {
					t.Error("bad event")
				}
			}
		}
	}()
	events <- true
}

// A listener nobody else closes: Accept fails only on a real error.
func oneShot(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
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

// console is a fake terminal a helper makes for a test.
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
	t.Cleanup(func() {
		r.Close()
		w.Close()
	})
	return &console{r: r, w: w}
}

func (c *console) screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.String()
}

// WaitForText polls the screen until s shows.
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

// The typist only asserts, and nothing the cleanup closes wakes it.
func TestConsoleTypistOnlyFails(t *testing.T) {
	c := newConsole(t)
	// category: fail-path
	go func() { // want `goroutine calls assert.NoError but the test does not wait for it`
		c.WaitForText("Name:")
		assert.NoError(t, c.Type("gopher\n"))
	}()
	_ = c.screen()
}

// The test waits out the poller's deadline (or fails) before it
// returns; the poller tolerates the deadline.
func TestPollerStopsAtDeadline(t *testing.T) {
	pollCtx, stop := context.WithTimeout(t.Context(), 50*time.Millisecond)
	t.Cleanup(stop)
	failed := make(chan error, 1)
	// category: fail-path
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		for pollCtx.Err() == nil {
			if err := health.Check(pollCtx, "db"); status.Code(err) != codes.OK && status.Code(err) != codes.DeadlineExceeded {
				t.Errorf("Check: %v", err)
				return
			}
		}
	}()
	select {
	case <-pollCtx.Done():
	case err := <-failed:
		t.Fatal(err)
	}
}
