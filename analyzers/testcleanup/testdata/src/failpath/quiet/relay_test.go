package quiet

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"
	"time"
)

// A goroutine makes the call and relays its error to the test, which
// asserts that the call failed: the connection it drops exists only where
// that assertion fails the test, so the leak is a fail path.

// Negative: the test expects the dial to a closed port to be refused.
func TestRelayedRefusal(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	errc := make(chan error)
	go func() {
		_, err := net.DialTimeout("tcp", addr, time.Second)
		errc <- err
	}()
	if err := <-errc; !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("dial to a closed port: got %v, want connection refused", err)
	}
}

// Negative: the same through a select with a timeout arm, as a test that
// cancels the dial's context first.
func TestRelayedCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	result := make(chan error)
	go func() {
		var d net.Dialer
		_, err := d.DialContext(ctx, "tcp", "192.0.2.1:9")
		result <- err
	}()
	select {
	case err := <-result:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("dial with a cancelled context: got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("dial did not return")
	}
}

// Positive twin: the test only checks that the dial succeeded, so on the
// passing path the connection the goroutine dropped is open.
func TestRelayedSuccess(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	errc := make(chan error, 1)
	go func() {
		_, err := net.Dial("tcp", ln.Addr().String()) // want "the net.Conn returned by net.Dial is discarded"
		errc <- err
	}()
	if err := <-errc; err != nil {
		t.Fatalf("dial: %v", err)
	}
}

// Positive twin: the error goes to a channel the test did not make (a
// parameter of the helper), so nothing here asserts on it.
func dialInto(t *testing.T, addr string, errc chan<- error) {
	go func() {
		_, err := net.Dial("tcp", addr) // want "the net.Conn returned by net.Dial is discarded"
		errc <- err
	}()
}

func TestRelayedElsewhere(t *testing.T) {
	errc := make(chan error, 1)
	dialInto(t, "127.0.0.1:1", errc)
	if err := <-errc; !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("got %v", err)
	}
}
