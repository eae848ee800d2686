package memdial

import (
	"context"
	"io"
	"net"
	"testing"

	"memnet"
	"relaynet"
)

// A connection from the hub's dialer is a pipe end: dropping it holds
// no descriptor and no goroutine.
func TestHubRoundTrip(t *testing.T) {
	hub := memnet.NewHub()
	defer hub.Stop()
	go func() {
		srv, err := hub.Serve()
		if err != nil {
			return
		}
		io.Copy(srv, srv)
	}()
	dial := hub.DialFunc()
	conn, err := dial(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
}

// The result discarded: nothing to close either.
func TestHubDialOnly(t *testing.T) {
	hub := memnet.NewHub()
	go hub.Serve()
	_, err := hub.DialFunc()(context.Background())
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoopback(t *testing.T) {
	dial := memnet.Loopback(func(c net.Conn) { io.Copy(io.Discard, c) })
	conn, err := dial(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte("x"))
}

// A local dialer of pipe ends.
func TestLocalPipeDialer(t *testing.T) {
	dial := func() (net.Conn, error) {
		a, _ := net.Pipe()
		return a, nil
	}
	conn, err := dial()
	if err != nil {
		t.Fatal(err)
	}
	conn.Write(nil)
}

// A dialer of real sockets: the connection is owed a Close.
func TestTCPDial(t *testing.T) {
	dial := memnet.TCP("127.0.0.1:1")
	conn, err := dial(context.Background()) // want `conn from dial is never closed`
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte("ping"))
}

// Connections passed through a channel from net.Dial are real too.
func TestRelayDial(t *testing.T) {
	r := relaynet.NewRelay("127.0.0.1:1")
	conn, err := r.DialFunc()(context.Background()) // want `conn from r.DialFunc\(\) is never closed`
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte("ping"))
}

// A local dialer that really dials.
func TestLocalTCPDialer(t *testing.T) {
	dial := func() (net.Conn, error) { return net.Dial("tcp", "127.0.0.1:1") }
	conn, err := dial() // want `conn from dial is never closed`
	if err != nil {
		t.Fatal(err)
	}
	conn.Write(nil)
}
