// Package categories pins the Category of testcleanup's diagnostics; it
// runs with -testcleanup.failpath.
package categories

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

var h = http.NotFoundHandler()

func TestServerNeverClosed(t *testing.T) {
	// category: normal
	srv := httptest.NewServer(h) // want `srv from httptest.NewServer is never closed`
	t.Log(srv.URL)
}

func TestListenerAfterFatal(t *testing.T) {
	// category: fail-path
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want `ln from net.Listen is closed only after line 28`
	if err != nil {
		t.Fatal(err)
	}
	if ln.Addr() == nil {
		t.Fatal("no address")
	}
	ln.Close()
}

func BenchmarkOpen(b *testing.B) {
	for i := 0; i < b.N; i++ {
		// category: loop
		f, err := os.Open("testdata/x") // want `f from os.Open is created in every b.N iteration`
		if err != nil {
			b.Fatal(err)
		}
		_ = f.Name()
	}
}
