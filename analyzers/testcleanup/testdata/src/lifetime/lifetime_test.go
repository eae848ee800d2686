// Package lifetime: a fixture a sync.Once body builds is shared by the
// whole test binary and lives as long as it; testcleanup stays silent.
package lifetime

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

var (
	sharedOnce sync.Once
	sharedURL  string
)

func sharedServer(t *testing.T) string {
	sharedOnce.Do(func() {
		srv := httptest.NewServer(http.NotFoundHandler())
		sharedURL = srv.URL
	})
	return sharedURL
}

// Negative: built once for every test.
func TestSharedA(t *testing.T) { t.Log(sharedServer(t)) }

// Positive twin: built by the test itself and never closed.
func TestOwnServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler()) // want `srv from httptest.NewServer is never closed`
	t.Log(srv.URL)
}
