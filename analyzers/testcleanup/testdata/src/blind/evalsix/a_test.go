package evalsix

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type server struct {
	ts *httptest.Server
	db *sql.DB
}

func (s *server) Close() {
	s.ts.Close()
	s.db.Close()
}

func newServer(t *testing.T) *server {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	return &server{ts: httptest.NewServer(http.NotFoundHandler()), db: db}
}

func TestA1NeverClosedWrapper(t *testing.T) {
	s := newServer(t) // want `never`
	_ = s.ts.URL
}

func TestA2ClosedWrapper(t *testing.T) {
	s := newServer(t)
	defer s.Close()
	_ = s.ts.URL
}

func TestA3PostJSON(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	body, _ := json.Marshal(map[string]string{"a": "b"})
	resp, err := http.Post(ts.URL, "application/json", bytes.NewReader(body)) // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.Equal(t, "x", resp.Header.Get("y"))
	resp.Body.Close()
}

func TestA4ReadAllThenClose(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	resp, err := http.Get(ts.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, 1, len(b))
}

func TestA5PipeLeak(t *testing.T) {
	cmd := exec.Command("cat")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start()) // want `never waited`
	_, _ = io.ReadAll(stdout)
}

func TestA6WaitAtEnd(t *testing.T) {
	cmd := exec.Command("true")
	require.NoError(t, cmd.Start())
	assert.NoError(t, cmd.Wait())
}

func TestA7ListenerInSubtestLoop(t *testing.T) {
	for _, n := range []string{"tcp", "tcp4"} {
		t.Run(n, func(t *testing.T) {
			l, err := net.Listen(n, "127.0.0.1:0") // want `never closed`
			require.NoError(t, err)
			t.Log(l.Addr())
		})
	}
}

func TestA8DialerContext(t *testing.T) {
	var d net.Dialer
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c, err := d.DialContext(ctx, "tcp", "127.0.0.1:1")
	if err != nil {
		t.Skip(err)
	}
	defer c.Close()
}

func helperDir(t *testing.T) string {
	d, err := os.MkdirTemp(t.TempDir(), "x")
	require.NoError(t, err)
	return d
}

func TestA9DirUnderTempDir(t *testing.T) {
	d := helperDir(t)
	_ = filepath.Join(d, "x")
}

func openTwo(t *testing.T) (*os.File, *os.File) {
	a, err := os.Open("a") // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	b, err := os.Open("b") // want `never closed`
	require.NoError(t, err)
	_ = b
	return a, nil
}

func TestA10(t *testing.T) {
	a, _ := openTwo(t)
	defer a.Close()
}

func startWatcher(t *testing.T) context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return cancel
}

func TestA11(t *testing.T) {
	cancel := startWatcher(t)
	defer cancel()
}

func TestA12GoroutineErrorf(t *testing.T) {
	var mu sync.Mutex
	results := map[int]int{}
	for i := 0; i < 3; i++ {
		go func(i int) { // fail path: t.Errorf only where the check fails (quiet unless -testcleanup.failpath)
			mu.Lock()
			defer mu.Unlock()
			results[i] = i
			if i < 0 {
				t.Errorf("negative")
			}
		}(i)
	}
	time.Sleep(10 * time.Millisecond)
}

func TestA13ParallelGroupOK(t *testing.T) {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	defer db.Close()
	t.Run("group", func(t *testing.T) {
		t.Run("p1", func(t *testing.T) {
			t.Parallel()
			_ = db.Ping()
		})
		t.Run("p2", func(t *testing.T) {
			t.Parallel()
			_ = db.Ping()
		})
	})
}

func TestA14ParallelHelperTx(t *testing.T) {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	tx, err := db.Begin()
	require.NoError(t, err)
	defer tx.Rollback() // want `parallel subtest`
	t.Cleanup(func() { db.Close() })
	t.Run("p", func(t *testing.T) {
		t.Parallel()
		_, _ = tx.Exec("x")
	})
}

func newClientHelper(t *testing.T) *http.Client {
	ts := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(ts.Close)
	return ts.Client()
}

func TestA15(t *testing.T) {
	c := newClientHelper(t)
	_ = c
}

func writeTemp(t *testing.T, data string) string {
	f, err := os.CreateTemp(t.TempDir(), "w")
	require.NoError(t, err)
	defer f.Close()
	_, err = f.WriteString(data)
	require.NoError(t, err)
	return f.Name()
}

func TestA16(t *testing.T) { _ = writeTemp(t, "x") }
