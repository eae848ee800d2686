// Package grpc is a stub of google.golang.org/grpc: a client connection
// owns goroutines (its resolver and balancer) until Close.
package grpc

import "context"

// DialOption configures a dial.
type DialOption interface{ apply() }

// ClientConn is a virtual connection to a target.
type ClientConn struct {
	target string
	stop   chan struct{}
}

// Close tears the connection down.
func (cc *ClientConn) Close() error { close(cc.stop); return nil }

// Invoke sends an RPC.
func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any) error { return nil }

func newConn(target string) *ClientConn {
	cc := &ClientConn{target: target, stop: make(chan struct{})}
	go func() { <-cc.stop }()
	return cc
}

// Dial connects to target.
func Dial(target string, opts ...DialOption) (*ClientConn, error) { return newConn(target), nil }

// DialContext connects to target.
func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return newConn(target), nil
}

// NewClient creates a client for target.
func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return newConn(target), nil }
