package fixes

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

var handler = http.NotFoundHandler()

func TestServer(t *testing.T) {
	srv := httptest.NewServer(handler) // want `srv from httptest.NewServer is never closed`
	t.Log(srv.URL)
}

func TestFile(t *testing.T) {
	f, err := os.Open("testdata/x") // want `f from os.Open is never closed`
	if err != nil {
		t.Fatal(err)
	}
	t.Log(f.Name())
}

func TestDBLate(t *testing.T) {
	db, err := sql.Open("stub", "x") // want `db from sql.Open is closed only after line 32`
	require.NoError(t, err)
	require.NoError(t, db.Ping())
	defer db.Close()
}

func TestBodyLate(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/") // want `resp.Body from http.Get is closed only after line 39`
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	defer resp.Body.Close()
}

func TestProcess(t *testing.T) {
	cmd := exec.Command("sleep", "1")
	if err := cmd.Start(); err != nil { // want `the process cmd.Start starts is never waited for`
		t.Fatal(err)
	}
	t.Log(cmd.Process.Pid)
}

func TestDir(tb *testing.T) {
	dir, err := os.MkdirTemp("", "x") // want `dir from os.MkdirTemp is never removed`
	require.NoError(tb, err)
	tb.Log(dir)
}

// Lent to a callback the engine cannot see, which may keep the server:
// a cleanup of the test's own is not proved safe, so no fix.
func TestServerLentToCallback(t *testing.T) {
	srv := httptest.NewServer(handler) // want `srv from httptest.NewServer is never closed`
	inspect(srv)
}

var inspect = func(srv *httptest.Server) {}
