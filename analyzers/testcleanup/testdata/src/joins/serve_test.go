package joins

import (
	"net"
	"net/http"
	"testing"

	"google.golang.org/grpc"

	"joins/lbfake"
)

// ---- servers whose Stop waits for Serve (issue 11) ----

func listen(t *testing.T) net.Listener {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Negative: (*grpc.Server).Stop at the end of the test waits for the
// running Serve, which then returns nil.
func TestGRPCStoppedAtEnd(t *testing.T) {
	srv := grpc.NewServer()
	lis := listen(t)
	go func() {
		if err := srv.Serve(lis); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	if lis.Addr() == nil {
		t.Fatal("no address")
	}
	srv.Stop()
}

// Negative: GracefulStop registered as a cleanup before the goroutine.
func TestGRPCGracefulCleanup(t *testing.T) {
	srv := grpc.NewServer()
	t.Cleanup(srv.GracefulStop)
	lis := listen(t)
	go func() {
		if err := srv.Serve(lis); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
}

// Positive twin: the test stops another server, never the one it serves.
func TestGRPCStopsTheOtherServer(t *testing.T) {
	srv, other := grpc.NewServer(), grpc.NewServer()
	defer other.Stop()
	lis := listen(t)
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := srv.Serve(lis); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
}

// Positive twin: one path returns before the Stop.
func TestGRPCStopSkipped(t *testing.T) {
	srv := grpc.NewServer()
	lis := listen(t)
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := srv.Serve(lis); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	if testing.Short() {
		return
	}
	srv.Stop()
}

// Negative: a helper serves a wrapper of another package (whose Run
// serves the gRPC server it keeps in a field) and returns a cleanup that
// calls the wrapper's Halt, which stops that server.
func startBalancer(t *testing.T) (*lbfake.Balancer, func()) {
	b := lbfake.New(listen(t))
	go func() {
		if err := b.Run(); err != nil {
			t.Errorf("balancer: %v", err)
		}
	}()
	return b, func() { b.Halt() }
}

func TestBalancerHalted(t *testing.T) {
	_, stop := startBalancer(t)
	defer stop()
}

// Positive twin: the returned cleanup only detaches the listener, which
// makes Run return an error while nothing waits for it.
func startDetachedBalancer(t *testing.T) (*lbfake.Balancer, func()) {
	b := lbfake.New(listen(t))
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := b.Run(); err != nil {
			t.Errorf("balancer: %v", err)
		}
	}()
	return b, func() { b.Detach() }
}

func TestBalancerDetached(t *testing.T) {
	_, stop := startDetachedBalancer(t)
	defer stop()
}

// Negative: a same-package wrapper holds the server behind an interface
// that *grpc.Server implements; its Close stops it, deferred by the test.
type rpcServer interface {
	Serve(net.Listener) error
	GracefulStop()
}

type gateway struct {
	name  string
	inner rpcServer
}

func (g *gateway) Serve(l net.Listener) error { return g.inner.Serve(l) }

func (g *gateway) Close() { g.inner.GracefulStop() }

func (g *gateway) Rename(n string) { g.name = n }

func TestGatewayClosed(t *testing.T) {
	gw := &gateway{inner: grpc.NewServer()}
	defer gw.Close()
	lis := listen(t)
	defer lis.Close()
	go func() {
		if err := gw.Serve(lis); err != nil {
			t.Error(err)
		}
	}()
}

// Positive twin: the deferred method does not stop the server.
func TestGatewayRenamed(t *testing.T) {
	gw := &gateway{inner: grpc.NewServer()}
	defer gw.Rename("done")
	lis := listen(t)
	defer lis.Close()
	go func() { // want `goroutine calls t.Error but the test does not wait for it`
		if err := gw.Serve(lis); err != nil {
			t.Error(err)
		}
	}()
}

// Positive: net/http's Close makes Serve return http.ErrServerClosed at
// once but does not wait for it; a goroutine that reports every Serve
// error reports that one, possibly after the test (only the
// ErrServerClosed guard makes it quiet).
func TestHTTPClosedNotJoined(t *testing.T) {
	srv := &http.Server{}
	defer srv.Close()
	lis := listen(t)
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := srv.Serve(lis); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
}
