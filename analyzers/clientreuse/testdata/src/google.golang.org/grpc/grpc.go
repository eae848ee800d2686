// Package grpc is a stub of google.golang.org/grpc with the shapes
// clientreuse's tests need.
package grpc

import "context"

type DialOption interface{ apply() }

type insecureOption struct{}

func (insecureOption) apply() {}

func WithInsecure() DialOption { return insecureOption{} }

type ClientConn struct {
	target string
	closed bool
}

func (cc *ClientConn) Close() error { cc.closed = true; return nil }

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any) error { return nil }

type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args, reply any) error
}

func Dial(target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

func NewClient(target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

type ServiceDesc struct{ ServiceName string }

type ServiceRegistrar interface {
	RegisterService(desc *ServiceDesc, impl any)
}

type Server struct{ services []any }

func NewServer(opts ...any) *Server { return &Server{} }

func (s *Server) RegisterService(desc *ServiceDesc, impl any) { s.services = append(s.services, impl) }
