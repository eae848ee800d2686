package loud

import (
	"errors"
	"net"
	"syscall"
	"testing"
	"time"
)

// Under -testcleanup.failpath the relayed expected-error idiom is
// reported: the connection leaks where the dial the test expected to be
// refused succeeded, and the test fails there.
func TestRelayedRefusal(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	errc := make(chan error)
	go func() {
		_, err := net.DialTimeout("tcp", addr, time.Second) // want "the net.Conn returned by net.DialTimeout is discarded"
		errc <- err
	}()
	if err := <-errc; !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("dial to a closed port: got %v, want connection refused", err)
	}
}
