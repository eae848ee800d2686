// Package quiet holds fail-path shapes under the default settings: a
// leak that happens only where the test has already failed is not
// reported, a leak on a path where the test passes always is.
package quiet

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

var h = http.NotFoundHandler()

// Negative: the listener is closed by the defer on every path on which
// the test passes; only a failing Dial leaves it open.
func TestListenerClosedAfterDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer ln.Close()
	conn.Close()
}

// Positive twin: the same listener, never closed when the test passes.
func TestListenerLeftOpen(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want "ln from net.Listen is never closed"
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	conn.Close()
}

// Negative: the expected-error idiom; the response exists only when the
// request the test expects to fail succeeded, and then the test fails.
func TestRefusedConnection(t *testing.T) {
	if _, err := http.Get("http://127.0.0.1:1/refused"); err == nil {
		t.Fatal("request to a closed port succeeded")
	}
}

// Negative: the same with t.Errorf, which fails the test and goes on.
func TestRefusedReported(t *testing.T) {
	resp, err := http.Head("http://127.0.0.1:1/")
	if err == nil {
		t.Errorf("HEAD succeeded with %s", resp.Status)
	}
}

// Positive: a passing test returns early (a skip) before the release.
func TestSkippedBeforeClose(t *testing.T) {
	srv := httptest.NewServer(h) // want "srv from httptest.NewServer is closed only after line 66, where t.Skip may end the test first"
	if os.Getenv("SLOW") == "" {
		t.Skip("set SLOW to run")
	}
	defer srv.Close()
}

// Negative: require.NoError between the open and the deferred close ends
// only a failing test.
func TestFileClosedAfterRequire(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	require.NoError(t, err)
	_, err = f.WriteString("payload")
	require.NoError(t, err)
	defer f.Close()
}

// Positive twin: a passing path (the early return) skips the close.
func TestFileEarlyReturn(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x") // want "f from os.CreateTemp is not closed on the path that returns at line 86"
	require.NoError(t, err)
	if testing.Short() {
		return
	}
	defer f.Close()
}
