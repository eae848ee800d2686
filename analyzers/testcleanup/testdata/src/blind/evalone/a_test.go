package evalone

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func h(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }

// P1
func TestP1TLSServerLeak(t *testing.T) {
	ts := httptest.NewTLSServer(http.HandlerFunc(h)) // want `never closed`
	c := ts.Client()
	resp, err := c.Get(ts.URL)
	require.NoError(t, err)
	resp.Body.Close()
}

// P2
func TestP2RowsLeak(t *testing.T) {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Query("select 1") // want `never closed`
	require.NoError(t, err)
	for rows.Next() {
		break // leaves the loop with the rows still open
	}
}

// P3
func TestP3ConnAfterAssert(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	c, err := net.Dial("tcp", l.Addr().String()) // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	_, err = c.Write([]byte("hi"))
	require.NoError(t, err)
	c.Close()
}

// P4
func TestP4Stmt(t *testing.T) {
	db, _ := sql.Open("x", "y")
	defer db.Close()
	st, err := db.Prepare("select 1") // want `never closed`
	if err != nil {
		t.Fatal(err)
	}
	_ = st
}

// P5
func TestP5Tx(t *testing.T) {
	db, _ := sql.Open("x", "y")
	defer db.Close()
	tx, err := db.Begin() // want `never committed or rolled back`
	if err != nil {
		t.Fatal(err)
	}
	_, _ = tx.Exec("insert")
}

// P6
func TestP6CreateTemp(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x") // want `never closed`
	require.NoError(t, err)
	fmt.Fprintln(f, "data")
}

// P7
func TestP7SkipBeforeClose(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(h)) // want `closed only after`
	if os.Getenv("CI") == "" {
		t.Skip("not in CI")
	}
	srv.Close()
}

// P8
func BenchmarkP8(b *testing.B) {
	for b.Loop() {
		srv := httptest.NewServer(http.HandlerFunc(h)) // want `every b.Loop`
		http.Get(srv.URL)                              // want `the \*http.Response returned by http.Get is discarded`
	}
}

// P9 helper returning URL with defer close
func startP9(t testing.TB) (string, func()) {
	srv := httptest.NewServer(http.HandlerFunc(h))
	defer srv.Close() // want `in helper startP9`
	return srv.URL, func() {}
}

// P10 helper returning db wrapper
type repo struct{ db *sql.DB }

func newRepoP10(t *testing.T) *repo {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	defer db.Close() // want `in helper newRepoP10`
	return &repo{db: db}
}

// P11 parallel table with db
func TestP11(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(h))
	defer srv.Close() // want `parallel subtest`
	tests := []struct{ name, path string }{{"a", "/a"}, {"b", "/b"}}
	for _, tt := range tests {
		tt := tt
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, err := http.Get(srv.URL + tt.path)
			require.NoError(t, err)
			defer resp.Body.Close()
		})
	}
}

// P12 goroutine logging, never joined
func TestP12(t *testing.T) {
	go func() { // want `goroutine`
		time.Sleep(10 * time.Millisecond)
		t.Logf("done") // report at go
	}()
}

// P13 goroutine with infinite for, no exit
func TestP13(t *testing.T) {
	var n int
	var mu sync.Mutex
	go func() { // want `loops`
		for {
			mu.Lock()
			n++
			mu.Unlock()
		}
	}()
}

// P14 ticker goroutine, ctx never cancelled (cancel discarded)
func TestP14(t *testing.T) {
	ctx := context.TODO()
	go func() { // want `loops`
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-ctx.Done():
				return
			}
		}
	}()
}

// P15 exec cmd started, killed but not waited
func TestP15(t *testing.T) {
	cmd := exec.Command("sleep", "5")
	require.NoError(t, cmd.Start()) // want `never waited for`
	defer cmd.Process.Kill()
}

// P16 response from helper not closed
func get(t *testing.T, url string) *http.Response {
	resp, err := http.Get(url)
	require.NoError(t, err)
	return resp
}

func TestP16(t *testing.T) {
	resp := get(t, "http://x") // want `never closed`
	assert.Equal(t, 200, resp.StatusCode)
}

// P17 conn in helper with TB, leaks at require
func dialP17(tb testing.TB, addr string) string {
	c, err := net.Dial("tcp", addr) // want `never closed`
	require.NoError(tb, err)
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	require.NoError(tb, err)
	return line
}

// N1
func TestN1(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(h))
	t.Cleanup(ts.Close)
	resp, err := http.Get(ts.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	assert.Equal(t, "ok", string(b))
}

// N2 rows closed via defer
func TestN2(t *testing.T) {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	rows, err := db.Query("q")
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
	}
	require.NoError(t, rows.Err())
}

// N3 tx rolled back in defer
func TestN3(t *testing.T) {
	db, _ := sql.Open("x", "y")
	defer db.Close()
	tx, err := db.Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = tx.Exec("x")
	require.NoError(t, err)
	require.NoError(t, tx.Commit())
}

// N4 helper returns server, caller closes
func newSrv(t *testing.T) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(h))
}

func TestN4(t *testing.T) {
	s := newSrv(t)
	defer s.Close()
	_ = s.URL
}

// N5 helper returns data only
func bodyOf(t *testing.T, url string) string {
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return strings.TrimSpace(string(b))
}

// N6 parallel subtests with Cleanup
func TestN6(t *testing.T) {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_ = db.Ping()
		})
	}
}

// N7 goroutine joined with WaitGroup
func TestN7(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i > 10 {
				t.Errorf("bad %d", i)
			}
			errs <- nil
		}(i)
	}
	wg.Wait()
	close(errs)
}

// N8 goroutine loop stopped by closing channel in Cleanup
func TestN8(t *testing.T) {
	quit := make(chan struct{})
	t.Cleanup(func() { close(quit) })
	go func() {
		for {
			select {
			case <-quit:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
}

// N9 goroutine loop on t.Context
func TestN9(t *testing.T) {
	go func(ctx context.Context) {
		for {
			select {
			case <-ctx.Done():
				return
			default:
				time.Sleep(time.Millisecond)
			}
		}
	}(t.Context())
}

// N10 MkdirTemp with RemoveAll in Cleanup through closure var
func TestN10(t *testing.T) {
	dir, err := os.MkdirTemp("", "n10")
	require.NoError(t, err)
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Log(err)
		}
	})
	_ = filepath.Join(dir, "x")
}

// N11 exec Run
func TestN11(t *testing.T) {
	out, err := exec.Command("echo", "x").CombinedOutput()
	require.NoError(t, err)
	_ = out
}

// N12 file closed explicitly with error check
func TestN12(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("x"); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// N13 benchmark with server outside loop
func BenchmarkN13(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(h))
	defer srv.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.Get(srv.URL)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// N14 helper with defer returns count only
func countP(t *testing.T, db *sql.DB) int {
	rows, err := db.Query("q")
	require.NoError(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// N15 fuzz closing
func FuzzN15(f *testing.F) {
	f.Add([]byte("x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Skip()
		}
		defer r.Close()
		defer w.Close()
		w.Write(b)
	})
}

// N16 goroutine serving with listener closed in cleanup, no t
func TestN16(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); io.Copy(c, c) }()
		}
	}()
}

// N17 errgroup-like with channel result, joined with select
func TestN17(t *testing.T) {
	res := make(chan string)
	go func() {
		t.Log("working")
		res <- "x"
	}()
	select {
	case v := <-res:
		assert.Equal(t, "x", v)
	case <-time.After(5 * time.Second):
		t.Fatal("timeout")
	}
}
