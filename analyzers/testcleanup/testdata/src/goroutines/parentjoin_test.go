package goroutines

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Regression (gin): the handler starts the goroutine and returns; the test
// around it waits on the WaitGroup the handler captured.
func TestHandlerGoroutineJoinedByTest(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		go func(path string) {
			defer wg.Done()
			if path == "" {
				t.Error("empty path")
			}
		}(r.URL.Path)
	})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
	wg.Wait()
}

// Without the wait in the test, the goroutine may report after it ends.
func TestHandlerGoroutineNotJoined(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		go func(path string) { // fail path: t.Error only where the check fails (quiet unless -testcleanup.failpath)
			defer wg.Done()
			if path == "" {
				t.Error("empty path")
			}
		}(r.URL.Path)
	})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
}
