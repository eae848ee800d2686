package goroutines

import (
	"errors"
	"net"
	"net/http"
	"testing"
)

// Negative: t.Errorf runs only when Serve fails with something other
// than http.ErrServerClosed, and the deferred Close makes Serve return
// exactly that before the test ends.
func TestServeUntilClosed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go func() {
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			t.Errorf("serve: %v", err)
		}
	}()
	defer srv.Close()
	resp, err := http.Get("http://" + ln.Addr().String())
	if err == nil {
		resp.Body.Close()
	}
}

// Negative: the same with errors.Is and a Shutdown in t.Cleanup.
func TestServeUntilShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	t.Cleanup(func() { srv.Shutdown(t.Context()) })
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	}()
}

// Positive twin: only the listener is closed, so Serve fails with a
// closed-connection error and reports it after the test has ended.
func TestServeListenerClosed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go func() { // want "goroutine calls t.Errorf but the test does not wait for it"
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			t.Errorf("serve: %v", err)
		}
	}()
	defer ln.Close()
}
