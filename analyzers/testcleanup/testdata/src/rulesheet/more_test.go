package rulesheet

import (
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"
)

// ---- rule 3: parent defer with parallel subtests ----

func TestParallelAfterDefer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close() // want `defer`
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp, err := http.Get(srv.URL + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		})
	}
}

func TestSequentialAfterDefer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		})
	}
}

// ---- rule 5: goroutines that outlive the test ----

func TestLogsAfterEnd(t *testing.T) {
	go func() { // want `goroutine`
		time.Sleep(10 * time.Millisecond)
		t.Logf("late: %s", Greet("x"))
	}()
}

func TestLogsJoined(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Logf("on time: %s", Greet("x"))
	}()
	wg.Wait()
}

func TestSpinsForever(t *testing.T) {
	go func() { // want `goroutine`
		for {
			Greet("spin")
			time.Sleep(time.Millisecond)
		}
	}()
	if Greet("y") == "" {
		t.Error("empty")
	}
}

func TestSpinsUntilCleanup(t *testing.T) {
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				Greet("spin")
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

func TestStrandedSender(t *testing.T) {
	got := make(chan string)
	go func() { got <- Greet("slow") }() // want `goroutine sends on got`
	select {
	case s := <-got:
		if s == "" {
			t.Error("empty")
		}
	case <-time.After(time.Millisecond):
		return
	}
}

func TestBufferedSender(t *testing.T) {
	got := make(chan string, 1)
	go func() { got <- Greet("slow") }()
	select {
	case s := <-got:
		if s == "" {
			t.Error("empty")
		}
	case <-time.After(time.Millisecond):
		return
	}
}

// Signalled is not stopped.
func TestDaemonWritesAfterCancel(t *testing.T) {
	dir := t.TempDir()
	stop := make(chan struct{})
	go func() { // want `t.TempDir`
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				os.WriteFile(dir+"/beat", []byte(Greet("x")), 0o600)
			}
		}
	}()
	t.Cleanup(func() { close(stop) })
}

func TestDaemonWaitedAfterCancel(t *testing.T) {
	dir := t.TempDir()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				os.WriteFile(dir+"/beat", []byte(Greet("x")), 0o600)
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

// An unstarted server is already listening.
func TestUnstartedNeverClosed(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler()) // want `srv`
	srv.Start()
	t.Log(srv.URL)
}

func TestUnstartedClosed(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	srv.Start()
	t.Log(srv.URL)
}

// A loop per b.N iteration that builds a server and never closes it.
func BenchmarkServerPerIteration(b *testing.B) {
	for i := 0; i < b.N; i++ {
		srv := httptest.NewServer(http.NotFoundHandler()) // want `srv`
		_ = srv.URL
	}
}

func BenchmarkServerClosedPerIteration(b *testing.B) {
	for i := 0; i < b.N; i++ {
		srv := httptest.NewServer(http.NotFoundHandler())
		_ = srv.URL
		srv.Close()
	}
}
