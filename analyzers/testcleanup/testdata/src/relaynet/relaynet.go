// Package relaynet hands out connections that another goroutine dialled:
// real sockets, passed through a channel.
package relaynet

import (
	"context"
	"net"
)

// Relay dials ahead of time.
type Relay struct {
	ready chan net.Conn
}

// NewRelay starts dialling addr in the background.
func NewRelay(addr string) *Relay {
	r := &Relay{ready: make(chan net.Conn, 1)}
	go r.prefetch(addr)
	return r
}

func (r *Relay) prefetch(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		close(r.ready)
		return
	}
	r.ready <- c
}

// DialFunc returns a dialer that takes the connection dialled ahead.
func (r *Relay) DialFunc() func(context.Context) (net.Conn, error) {
	return func(ctx context.Context) (net.Conn, error) {
		select {
		case c := <-r.ready:
			return c, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
