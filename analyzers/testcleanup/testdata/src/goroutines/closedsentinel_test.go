package goroutines

import (
	"errors"
	"goroutines/busfake"
	"io"
	"testing"
)

// A goroutine that touches t only when an operation fails with an error
// other than its package's "closed" sentinel, while the test or its
// fixture closes that package's connection at the end (nats.go
// jetstream/test/kv_test.go:2013): after the test, the operation fails
// with the sentinel and the goroutine leaves t alone.

func dialBus(t testing.TB) *busfake.Conn {
	t.Helper()
	conn, err := busfake.Dial("bus://local")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Close)
	return conn
}

func withBus(t *testing.T, body func(*testing.T, *busfake.Conn)) {
	t.Helper()
	body(t, dialBus(t))
}

// Negative: the fixture registers the connection's Close with t.Cleanup,
// and the goroutine logs only errors other than ErrConnClosed.
func TestPublisherClosedByFixture(t *testing.T) {
	withBus(t, func(t *testing.T, conn *busfake.Conn) {
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := conn.Publish("ticks", nil); err != nil {
					if errors.Is(err, busfake.ErrConnClosed) {
						return
					}
					t.Logf("publish: %v", err)
				}
			}
		}()
		for range 3 {
			if err := conn.Publish("control", nil); err != nil {
				t.Fatal(err)
			}
		}
		close(stop)
	})
}

// Negative: the test defers Close itself; the guard is written err != X.
func TestPublisherClosedByDefer(t *testing.T) {
	conn, err := busfake.Dial("bus://local")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := conn.Publish("ticks", nil); err != nil && err != busfake.ErrConnClosed {
				t.Logf("publish: %v", err)
				return
			}
		}
	}()
	close(stop)
}

// Positive twin: the guard skips ErrNoReply, whose name does not say
// closed: closing the connection does not keep the goroutine off t.
func TestPublisherGuardsOtherError(t *testing.T) {
	withBus(t, func(t *testing.T, conn *busfake.Conn) {
		stop := make(chan struct{})
		go func() { // want "goroutine calls t.Logf but the test does not wait for it"
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := conn.Publish("ticks", nil); err != nil && !errors.Is(err, busfake.ErrNoReply) {
					t.Logf("publish: %v", err)
				}
			}
		}()
		close(stop)
	})
}

// Positive twin: nothing closes the connection, so the sentinel never
// comes and the goroutine may log after the test.
func TestPublisherNeverClosed(t *testing.T) {
	conn, err := busfake.Dial("bus://local")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	go func() { // want "goroutine calls t.Logf but the test does not wait for it"
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := conn.Publish("ticks", nil); err != nil && err != busfake.ErrConnClosed {
				t.Logf("publish: %v", err)
			}
		}
	}()
	close(stop)
}

// Positive twin: a guard on io.EOF from a pipe the test never ends.
func TestReaderGuardsEOF(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	stop := make(chan struct{})
	go func() { // want "goroutine calls t.Logf but the test does not wait for it"
		buf := make([]byte, 8)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := pr.Read(buf); err != io.EOF {
				t.Logf("read: %v", err)
			}
		}
	}()
	close(stop)
}
