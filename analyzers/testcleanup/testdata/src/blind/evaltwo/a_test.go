package evaltwo

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

var hf = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})

// ---- clause 2 positives ----

func setupClient(t *testing.T) (*http.Client, string) {
	ts := httptest.NewTLSServer(hf)
	defer ts.Close() // want `in helper setupClient`
	return ts.Client(), ts.URL
}

func parsedURL(t *testing.T) *url.URL {
	ts := httptest.NewServer(hf)
	defer ts.Close() // want `in helper parsedURL`
	u, err := url.Parse(ts.URL)
	require.NoError(t, err)
	return u
}

func openConn(t *testing.T) *sql.Conn {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	defer db.Close() // want `in helper openConn`
	conn, err := db.Conn(context.Background())
	require.NoError(t, err)
	return conn
}

func ctxWithDeadline(t *testing.T) context.Context {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Hour))
	defer func() { cancel() }() // want `in helper ctxWithDeadline`
	return ctx
}

type fixture struct {
	dir  string
	file string
}

func makeFixture(t *testing.T) fixture {
	dir, err := os.MkdirTemp("", "fx")
	require.NoError(t, err)
	defer os.RemoveAll(dir) // want `in helper makeFixture`
	return fixture{dir: dir, file: filepath.Join(dir, "a.txt")}
}

func listenerFor(t *testing.T) net.Listener {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close() // want `in helper listenerFor`
	return l
}

// ---- clause 2 negatives ----

func readAll(t *testing.T, path string) []byte {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	b, err := io.ReadAll(f)
	require.NoError(t, err)
	return b
}

func pingURL(t *testing.T, u string) int {
	resp, err := http.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode
}

func withCtx(t *testing.T) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", "http://x", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

func serverCleanup(t *testing.T) string {
	ts := httptest.NewServer(hf)
	t.Cleanup(ts.Close)
	return ts.URL
}

func dirCleanup(t *testing.T) string {
	return t.TempDir()
}

func headerOf(t *testing.T, u string) http.Header {
	resp, err := http.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.Header
}

func TestUseAll(t *testing.T) {
	c, u := setupClient(t)
	_ = c
	conn := openConn(t)
	defer conn.Close()
	l := listenerFor(t)
	_ = l
	t.Log(u, parsedURL(t), ctxWithDeadline(t), makeFixture(t), readAll(t, "x"), pingURL(t, "x"),
		withCtx(t), serverCleanup(t), dirCleanup(t), headerOf(t, "x"))
}

// ---- clause 3 ----

func TestParallelCtx(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel() // want `parallel subtest`
	for _, n := range []int{1, 2, 3} {
		n := n
		t.Run("n", func(t *testing.T) {
			t.Parallel()
			select {
			case <-ctx.Done():
			case <-time.After(time.Duration(n)):
			}
		})
	}
}

func TestParallelListener(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close() // want `parallel subtest`
	addr := l.Addr().String()
	t.Run("dial", func(t *testing.T) {
		t.Parallel()
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		c.Close()
	})
}

func TestSequentialWithDefer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			c, err := net.Dial("tcp", l.Addr().String())
			require.NoError(t, err)
			c.Close()
		})
	}
}

func TestParentParallelOnlyDefer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(hf)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	resp.Body.Close()
}

// ---- clause 5 ----

func TestGoroutineErrorsViaChannel(t *testing.T) {
	errc := make(chan error, 1)
	go func() {
		errc <- errors.New("x")
	}()
	if err := <-errc; err == nil {
		t.Fatal("expected error")
	}
}

func TestGoroutineSkippedBeforeJoin(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine`
		defer wg.Done()
		t.Log("hi")
	}()
	if testing.Short() {
		t.Skip("short mode")
	}
	wg.Wait()
}

func TestErrgroupGo(t *testing.T) {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		<-ctx.Done()
		return nil
	})
	go func() { // want `goroutine`
		defer t.Log("bye")
	}()
	require.NoError(t, g.Wait())
}

func TestGoroutineRangeChanClosedInDefer(t *testing.T) {
	ch := make(chan int)
	defer close(ch)
	go func() {
		for v := range ch {
			_ = v
		}
	}()
	ch <- 1
}

func TestGoroutineEarlyReturnLeak(t *testing.T) {
	done := make(chan struct{})
	go func() { // fail path: it only reports a failure (quiet unless -testcleanup.failpath)
		defer close(done)
		t.Error("boom")
	}()
	if os.Getenv("X") != "" {
		return
	}
	<-done
}

func TestGoroutineWaitInCleanupClosure(t *testing.T) {
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				t.Log("tick")
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		wg.Wait()
	})
}

func TestGoroutineStopChanNeverClosedButJoinedHmm(t *testing.T) {
	c := make(chan int)
	go func() { // want `loops`
		for {
			select {
			case v := <-c:
				_ = v
			}
		}
	}()
}
