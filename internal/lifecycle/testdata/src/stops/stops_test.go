package stops

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

func TestEndless(t *testing.T) {
	go func() { // want `unjoined endless`
		for {
			time.Sleep(time.Millisecond)
		}
	}()
}

func TestCancelledInDefer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // want `unjoined`
		for ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
	}()
}

func TestJoinedUsesT(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `usesT`
		defer wg.Done()
		t.Log("x")
	}()
	wg.Wait()
}

func TestDeadTimerRange(t *testing.T) {
	tk := time.NewTicker(time.Millisecond)
	go func() { // want `unjoined endless`
		for range tk.C {
		}
	}()
}

func serverURL(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close() // want `escapes: return`
	return srv.URL + "/x"
}

func statusOnly(t *testing.T) int {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}
