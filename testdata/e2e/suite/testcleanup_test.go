package suite

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The test server is never closed: every run of the test leaks a listener
// and its goroutines.
func TestServerNeverClosed(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	if srv.URL == "" {
		t.Fatal("no URL")
	}
}
