// Package grpc is a stub of google.golang.org/grpc's server: Stop and
// GracefulStop wait for every running Serve to return.
package grpc

import "net"

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
