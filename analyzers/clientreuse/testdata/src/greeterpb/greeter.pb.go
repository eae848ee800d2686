// Package greeterpb is shaped like protoc-gen-go-grpc output.
package greeterpb

import (
	"context"
	"errors"

	"google.golang.org/grpc"
)

type HelloRequest struct{ Name string }

type HelloReply struct{ Message string }

type GreeterClient interface {
	SayHello(ctx context.Context, in *HelloRequest) (*HelloReply, error)
}

type greeterClient struct{ cc grpc.ClientConnInterface }

func NewGreeterClient(cc grpc.ClientConnInterface) GreeterClient { return &greeterClient{cc} }

func (c *greeterClient) SayHello(ctx context.Context, in *HelloRequest) (*HelloReply, error) {
	out := new(HelloReply)
	err := c.cc.Invoke(ctx, "/Greeter/SayHello", in, out)
	return out, err
}

type GreeterServer interface {
	SayHello(context.Context, *HelloRequest) (*HelloReply, error)
	mustEmbedUnimplementedGreeterServer()
}

type UnimplementedGreeterServer struct{}

func (UnimplementedGreeterServer) SayHello(context.Context, *HelloRequest) (*HelloReply, error) {
	return nil, errors.New("unimplemented")
}

func (UnimplementedGreeterServer) mustEmbedUnimplementedGreeterServer() {}

func RegisterGreeterServer(s grpc.ServiceRegistrar, srv GreeterServer) {
	s.RegisterService(&grpc.ServiceDesc{ServiceName: "Greeter"}, srv)
}
