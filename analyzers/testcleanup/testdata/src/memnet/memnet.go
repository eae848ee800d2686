// Package memnet connects a client and a server in memory: every
// connection is one end of a net.Pipe, with no descriptor behind it.
package memnet

import (
	"context"
	"errors"
	"net"
)

var errStopped = errors.New("memnet: stopped")

// Hub pairs dial requests with Serve calls.
type Hub struct {
	requests chan chan<- net.Conn
	stop     chan struct{}
}

// NewHub returns a hub that is not stopped.
func NewHub() *Hub {
	return &Hub{requests: make(chan chan<- net.Conn), stop: make(chan struct{})}
}

// Serve answers one dial request: the dialer gets one end of a pipe, the
// caller the other.
func (h *Hub) Serve() (net.Conn, error) {
	var reply chan<- net.Conn
	select {
	case reply = <-h.requests:
	case <-h.stop:
		return nil, errStopped
	}
	client, server := net.Pipe()
	reply <- client
	close(reply)
	return server, nil
}

// Stop ends every pending and future request.
func (h *Hub) Stop() { close(h.stop) }

// DialFunc returns a dialer whose connections come from Serve.
func (h *Hub) DialFunc() func(context.Context) (net.Conn, error) {
	return func(ctx context.Context) (net.Conn, error) {
		reply := make(chan net.Conn)
		select {
		case h.requests <- reply:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-h.stop:
			return nil, errStopped
		}
		conn, ok := <-reply
		if !ok {
			return nil, errStopped
		}
		return conn, nil
	}
}

// Loopback returns a dialer that hands out one end of a fresh pipe and
// serves the other end with handle.
func Loopback(handle func(net.Conn)) func(context.Context) (net.Conn, error) {
	return func(context.Context) (net.Conn, error) {
		a, b := net.Pipe()
		go handle(b)
		return a, nil
	}
}

// TCP returns a dialer of real connections to addr.
func TCP(addr string) func(context.Context) (net.Conn, error) {
	return func(ctx context.Context) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}
}
