package evalthree

import (
	"database/sql"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var hf = http.NotFoundHandler()

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestMustLeaks(t *testing.T) {
	f := must(os.Open("x")) // want `never closed`
	_ = f.Name()
}

func TestMustClosed(t *testing.T) {
	f := must(os.Open("x"))
	defer f.Close()
}

type env struct {
	db  *sql.DB
	srv *httptest.Server
}

func (e *env) close() {
	e.db.Close()
	e.srv.Close()
}

func TestEnvCleanup(t *testing.T) {
	db, err := sql.Open("x", "y")
	require.NoError(t, err)
	e := &env{db: db, srv: httptest.NewServer(hf)}
	t.Cleanup(e.close)
}

func TestCleanupRequireClose(t *testing.T) {
	srv := httptest.NewServer(hf)
	f, err := os.Create(t.TempDir() + "/x")
	require.NoError(t, err)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, f.Close())
	})
}

func TestDeferClosureIgnoreErr(t *testing.T) {
	f, err := os.Open("x")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	_, _ = io.ReadAll(f)
}

func TestUnstartedStarted(t *testing.T) {
	srv := httptest.NewUnstartedServer(hf)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
}

func TestUnstartedNeverClosed(t *testing.T) {
	srv := httptest.NewUnstartedServer(hf) // want `never closed`
	srv.Config.ReadTimeout = time.Second
}

func TestServeOwnsListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: hf}
	go srv.Serve(ln)
	defer srv.Close()
}

func TestTimerNotResource(t *testing.T) {
	tm := time.NewTimer(time.Second)
	<-tm.C
}

func TestClosedInGoroutineJoined(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer c.Close()
		io.Copy(io.Discard, c)
	}()
	<-done
}

func TestSubtestRequireLeak(t *testing.T) {
	t.Run("x", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0") // only when the test already fails: quiet without -testcleanup.failpath
		require.NoError(t, err)
		require.NotNil(t, l.Addr())
		l.Close()
	})
}

func TestSendOnChannel(t *testing.T) {
	ch := make(chan net.Conn, 1)
	c, err := net.Dial("tcp", "127.0.0.1:1")
	require.NoError(t, err)
	ch <- c
	(<-ch).Close()
}

func TestStoreInMapClosedLater(t *testing.T) {
	conns := map[string]net.Conn{}
	for _, a := range []string{"a", "b"} {
		c, err := net.Dial("tcp", a)
		require.NoError(t, err)
		conns[a] = c
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
}

func TestConditionalClose(t *testing.T) {
	f, err := os.Open("x") // want `not closed on the path`
	require.NoError(t, err)
	if f.Name() == "x" {
		f.Close()
	}
}
