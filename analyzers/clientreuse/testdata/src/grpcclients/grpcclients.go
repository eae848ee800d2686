// Package grpcclients: gRPC client connections built per call or per job.
package grpcclients

import (
	"context"
	"log"
	"net/http"
	"time"

	"google.golang.org/grpc"

	"greeterpb"
)

// A gRPC service implementation: its methods run per call. It dials its
// backend on every call.
type greeter struct {
	greeterpb.UnimplementedGreeterServer
	backend string
}

func (g *greeter) SayHello(ctx context.Context, in *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) {
	conn, err := grpc.NewClient(g.backend, grpc.WithInsecure()) // want `grpc.NewClient builds a new gRPC client connection on every request and closes it again`
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return greeterpb.NewGreeterClient(conn).SayHello(ctx, in)
}

// A service built once with its connection: silent.
type relay struct {
	greeterpb.UnimplementedGreeterServer
	client greeterpb.GreeterClient
}

func newRelay(target string) (*relay, error) {
	conn, err := grpc.Dial(target, grpc.WithInsecure())
	if err != nil {
		return nil, err
	}
	return &relay{client: greeterpb.NewGreeterClient(conn)}, nil
}

func (r *relay) SayHello(ctx context.Context, in *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) {
	return r.client.SayHello(ctx, in)
}

// A job consumer that dials per job.
type job struct {
	target string
	name   string
}

func consume(ctx context.Context, jobs <-chan job) {
	for j := range jobs {
		conn, err := grpc.DialContext(ctx, j.target, grpc.WithInsecure()) // want `grpc.DialContext builds a new gRPC client connection on every iteration of the loop and closes it again`
		if err != nil {
			log.Print(err)
			continue
		}
		greeterpb.NewGreeterClient(conn).SayHello(ctx, &greeterpb.HelloRequest{Name: j.name})
		conn.Close()
	}
}

// Dialled in an HTTP handler and never closed.
func hello(w http.ResponseWriter, r *http.Request) {
	conn, err := grpc.Dial("greeter:443") // want `grpc.Dial builds a new gRPC client connection on every request and never closes it`
	if err != nil {
		return
	}
	reply, err := greeterpb.NewGreeterClient(conn).SayHello(r.Context(), &greeterpb.HelloRequest{Name: "x"})
	if err == nil {
		w.Write([]byte(reply.Message))
	}
}

// A retry loop that keeps the first connection that dials.
func dial(ctx context.Context, target string) (*grpc.ClientConn, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var conn *grpc.ClientConn
		conn, err = grpc.DialContext(ctx, target)
		if err == nil {
			return conn, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// One connection per backend, kept in a slice for the life of the pool.
type balancer struct{ conns []*grpc.ClientConn }

func newBalancer(targets []string) (*balancer, error) {
	b := &balancer{}
	for _, t := range targets {
		conn, err := grpc.NewClient(t)
		if err != nil {
			return nil, err
		}
		b.conns = append(b.conns, conn)
	}
	return b, nil
}

// main-like start-up wiring, not per request.
func serve() {
	s := grpc.NewServer()
	r, err := newRelay("backend:443")
	if err != nil {
		log.Fatal(err)
	}
	greeterpb.RegisterGreeterServer(s, r)
	greeterpb.RegisterGreeterServer(s, &greeter{backend: "b:443"})
}
