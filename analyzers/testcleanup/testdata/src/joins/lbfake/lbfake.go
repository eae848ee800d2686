// Package lbfake wraps a gRPC server the way test fakes do: Run serves it,
// Halt stops it, Detach only closes the listener.
package lbfake

import (
	"net"

	"google.golang.org/grpc"
)

// Balancer is a fake balancer server.
type Balancer struct {
	lis net.Listener
	srv *grpc.Server
}

// New returns a balancer listening on lis.
func New(lis net.Listener) *Balancer { return &Balancer{lis: lis} }

// Run builds the gRPC server and serves on the listener.
func (b *Balancer) Run() error {
	srv := grpc.NewServer()
	b.srv = srv
	return srv.Serve(b.lis)
}

// Halt stops the server Run serves, waiting for Run to return.
func (b *Balancer) Halt() {
	if b.srv != nil {
		b.srv.Stop()
	}
}

// Detach closes the listener without waiting for Run.
func (b *Balancer) Detach() { b.lis.Close() }
