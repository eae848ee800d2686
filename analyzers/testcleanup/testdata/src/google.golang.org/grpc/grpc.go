// Package grpc is a stub of google.golang.org/grpc: Stop and GracefulStop
// wait for every running Serve to return, and a client connection owns
// goroutines (its resolver and balancer) until Close.
package grpc

import (
	"context"
	"net"
)

// Server is a gRPC server.
type Server struct{ lis []net.Listener }

// NewServer returns a server.
func NewServer() *Server { return &Server{} }

// Serve accepts connections on lis until Stop; it returns nil after Stop.
func (s *Server) Serve(lis net.Listener) error {
	s.lis = append(s.lis, lis)
	for {
		c, err := lis.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

// Stop closes the listeners and waits for Serve to return.
func (s *Server) Stop() {
	for _, l := range s.lis {
		l.Close()
	}
}

// GracefulStop stops the server after pending RPCs finish.
func (s *Server) GracefulStop() { s.Stop() }

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

// CallOption configures one RPC; generated client methods take a list
// of them last.
type CallOption interface{ apply() }
