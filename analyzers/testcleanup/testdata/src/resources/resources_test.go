package resources

import (
	"database/sql"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var handler = http.NotFoundHandler()

// ---- reported ----

func TestServerNeverClosed(t *testing.T) {
	srv := httptest.NewServer(handler) // want "srv from httptest.NewServer is never closed; register t.Cleanup\\(srv.Close\\) right after creating it"
	t.Log(srv.URL)
}

func TestUnstartedServerNeverStarted(t *testing.T) {
	srv := httptest.NewUnstartedServer(handler) // want `srv from httptest.NewUnstartedServer is never closed \(an unstarted server already holds its listener\)`
	t.Log(srv.Config.Addr)
}

func TestFileNeverClosed(t *testing.T) {
	f, err := os.Open("testdata/x") // want `f from os.Open is never closed`
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(len(data))
}

func TestCleanupAfterFatal(t *testing.T) {
	srv := httptest.NewServer(handler) // only when the test already fails: quiet without -testcleanup.failpath
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	defer srv.Close()
}

func TestCleanupAfterRequire(t *testing.T) {
	db, err := sql.Open("stub", "x") // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	require.NoError(t, db.Ping())
	defer db.Close()
}

func TestBodyClosedAfterRequire(t *testing.T) {
	resp, err := http.Get("http://example.com") // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	defer resp.Body.Close()
}

func TestDBNeverClosed(t *testing.T) {
	db, err := sql.Open("stub", "x") // want `db from sql.Open is never closed`
	require.NoError(t, err)
	require.NoError(t, db.Ping())
}

func TestListenerNeverClosed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0") // want `l from net.Listen is never closed`
	if err != nil {
		t.Fatal(err)
	}
	t.Log(l.Addr())
}

func TestServerDiscarded(t *testing.T) {
	httptest.NewServer(handler) // want `the \*httptest.Server returned by httptest.NewServer is discarded, so it is never closed before the test ends`
}

func TestEarlyReturn(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out")) // want `f from os.Create is not closed on the path that returns at line 90`
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		return
	}
	defer f.Close()
	f.WriteString("x")
}

func TestFileInTempDirStillNeedsClose(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out")) // want `f from os.Create is never closed`
	require.NoError(t, err)
	_, err = f.WriteString("data")
	require.NoError(t, err)
}

func TestSubtestLeaks(t *testing.T) {
	t.Run("outer", func(t *testing.T) {
		t.Run("inner", func(t *testing.T) {
			conn, err := net.Dial("tcp", "127.0.0.1:1") // want `conn from net.Dial is never closed`
			require.NoError(t, err)
			conn.Write([]byte("x"))
		})
	})
}

func openFixture(tb testing.TB, name string) []byte {
	f, err := os.Open(name) // want `f from os.Open is never closed`
	if err != nil {
		tb.Fatal(err)
	}
	data, _ := io.ReadAll(f)
	return data
}

// newServer is a constructor in a test file: its callers own the server.
func newServer() *httptest.Server { return httptest.NewServer(handler) }

func TestOwnedFromLocalConstructor(t *testing.T) {
	srv := newServer() // want `srv from newServer is never closed`
	t.Log(srv.URL)
}

func FuzzListener(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := net.Listen("tcp", "127.0.0.1:0") // want `l from net.Listen is never closed`
		if err != nil {
			t.Skip(err)
		}
		t.Log(l.Addr(), len(data))
	})
}

func TestTableDriven(t *testing.T) {
	for _, tc := range []struct{ name string }{{"a"}, {"b"}} {
		srv := httptest.NewServer(handler) // want `srv from httptest.NewServer is created in every loop iteration and not closed in it`
		t.Log(tc.name, srv.URL)
	}
}

// ---- silent ----

func TestServerDeferClosed(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	t.Log(srv.URL)
}

func TestServerCleanup(t *testing.T) {
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
}

func TestServerCleanupClosure(t *testing.T) {
	srv := httptest.NewTLSServer(handler)
	t.Cleanup(func() { srv.Close() })
	t.Log(srv.URL)
}

func TestFileRequireThenDefer(t *testing.T) {
	f, err := os.Open("testdata/x")
	require.NoError(t, err)
	defer f.Close()
	require.NotNil(t, f)
}

func TestFileFatalThenDefer(t *testing.T) {
	f, err := os.Open("testdata/x")
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer f.Close()
	if _, err := io.ReadAll(f); err != nil {
		t.Fatal(err)
	}
}

func TestResponseOnErrorPath(t *testing.T) {
	resp, err := http.Get("http://example.com")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
}

func newDB(t *testing.T) *sql.DB {
	db, err := sql.Open("stub", "x")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestOwnedDBClosed(t *testing.T) {
	db := newDB(t)
	defer db.Close()
	require.NoError(t, db.Ping())
}

func newCleanDB(t *testing.T) *sql.DB {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestHelperRegistersCleanup(t *testing.T) {
	db := newCleanDB(t)
	require.NoError(t, db.Ping())
}

func TestRecorderIsNotAResource(t *testing.T) {
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	resp := rec.Result()
	require.Equal(t, 404, resp.StatusCode)
}

func TestTempDirIsNotAResource(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
}

func closeLater(t *testing.T, c io.Closer) {
	t.Cleanup(func() { c.Close() })
}

func TestClosedThroughHelper(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closeLater(t, l)
	require.NotNil(t, l.Addr())
}

func TestClosedInDeferredClosure(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "x"))
	require.NoError(t, err)
	defer func() {
		require.NoError(t, f.Close())
	}()
	_, err = f.WriteString("x")
	require.NoError(t, err)
}

func TestFatalBeforeCreation(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
}

func TestTableDrivenSubtests(t *testing.T) {
	for _, tc := range []struct{ name string }{{"a"}, {"b"}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(handler)
			defer srv.Close()
			t.Log(srv.URL)
		})
	}
}

func TestClosedInGoroutine(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.Close()
	}()
	<-done
}

func TestClosedInSubtest(t *testing.T) {
	srv := httptest.NewServer(handler)
	t.Run("use", func(t *testing.T) {
		defer srv.Close()
		t.Log(srv.URL)
	})
}

func TestServerStoredForSuite(t *testing.T) {
	suiteServer = httptest.NewServer(handler)
}

var suiteServer *httptest.Server

// A helper that returns the resource with the function that releases it:
// the caller releases it by calling the function.
func newServerWithCloser(t *testing.T) (*httptest.Server, func()) {
	srv := httptest.NewServer(handler)
	return srv, srv.Close
}

func newDBWithCloser(t *testing.T) (*sql.DB, func()) {
	db, err := sql.Open("stub", "x")
	if err != nil {
		t.Fatal(err)
	}
	return db, func() { db.Close() }
}

func TestCloserReturned(t *testing.T) {
	srv, closeSrv := newServerWithCloser(t)
	defer closeSrv()
	db, closeDB := newDBWithCloser(t)
	defer closeDB()
	t.Log(srv.URL, db.Ping())
}

// A generic helper constrained to testing.TB is a test helper.
func genericHelper[T testing.TB](t T) {
	srv := httptest.NewServer(handler) // want `srv from httptest.NewServer is never closed`
	t.Log(srv.URL)
}

func TestGenericHelper(t *testing.T) { genericHelper(t) }

func TestIgnored(t *testing.T) {
	//leakvet:ignore testcleanup the server lives as long as the test binary
	srv := httptest.NewServer(handler)
	t.Log(srv.URL)
}

// RULES testcleanup 1 scope Fuzz*: closed in the fuzz target, silent.
func FuzzListenerClosed(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Skip(err)
		}
		defer l.Close()
		t.Log(l.Addr(), len(data))
	})
}
