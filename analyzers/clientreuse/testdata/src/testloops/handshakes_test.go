package testloops

import (
	"net/http"
	"sync"
	"testing"

	"google.golang.org/grpc"
)

// Each goroutine opens its own client connection and closes it: the test
// exercises N concurrent handshakes on purpose, a fixture per goroutine.
func TestParallelHandshakes(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cc, err := grpc.NewClient("passthrough:///svc", grpc.WithInsecure())
			if err != nil {
				t.Error(err)
				return
			}
			defer cc.Close()
			_ = cc.Invoke(t.Context(), "/svc/Ping", nil, nil)
		}()
	}
	wg.Wait()
}

// dialAndPing is a test helper that opens a connection, uses it and
// closes it before returning.
func dialAndPing(t *testing.T, target string) {
	cc, err := grpc.NewClient(target, grpc.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	_ = cc.Invoke(t.Context(), "/svc/Ping", nil, nil)
}

// A connection per case, each closed by the helper: per-connection
// cleanup is what the test checks.
func TestConnectionCleanupPerCase(t *testing.T) {
	for _, target := range []string{"passthrough:///a", "passthrough:///b"} {
		dialAndPing(t, target)
	}
}

// dialAndForget opens a connection and drops it: every call leaks one.
func dialAndForget(t *testing.T, target string) {
	cc, err := grpc.NewClient(target, grpc.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	_ = cc.Invoke(t.Context(), "/svc/Ping", nil, nil)
}

func TestConnectionsForgotten(t *testing.T) {
	for _, target := range []string{"passthrough:///a", "passthrough:///b"} {
		dialAndForget(t, target) // want `dialAndForget builds a new gRPC client connection \(grpc.NewClient at handshakes_test.go:\d+\) on every iteration of the loop and never closes it`
	}
}

// The goroutine's transport is never shut down: a leak per goroutine.
func TestParallelTransportsLeaked(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { // want `the function literal builds a new HTTP transport \(&http.Transport\{\} at handshakes_test.go:\d+\) on every iteration of the loop and never closes it`
			defer wg.Done()
			c := &http.Client{Transport: &http.Transport{}}
			if resp, err := c.Get("http://a.invalid"); err == nil {
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}

// The library's Flush builds and closes a transport on every call: the
// churn is in the callee, and the loop shows it.
func TestFlushBurst(t *testing.T) {
	n := &Notifier{URL: "http://hooks.invalid/x"}
	for i := 0; i < 3; i++ {
		if err := n.Flush("ping"); err != nil { // want `n.Flush builds a new HTTP transport \(&http.Transport\{\} at notify.go:\d+\) on every iteration of the loop and closes it again`
			t.Fatal(err)
		}
	}
}
