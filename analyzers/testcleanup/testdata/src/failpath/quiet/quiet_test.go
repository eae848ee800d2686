// Package quiet holds fail-path shapes under the default settings: a
// leak that happens only where the test has already failed is not
// reported, a leak on a path where the test passes always is.
package quiet

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
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
	srv := httptest.NewServer(h) // want "srv from httptest.NewServer is closed only after line 70, where t.Skip may end the test first"
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
	f, err := os.CreateTemp(t.TempDir(), "x") // want "f from os.CreateTemp is not closed on the path that returns at line 90"
	require.NoError(t, err)
	if testing.Short() {
		return
	}
	defer f.Close()
}

// checksum stands for slow work a test runs in a goroutine.
func checksum(p []byte) uint32 {
	var s uint32
	for _, b := range p {
		s = s*31 + uint32(b)
	}
	return s
}

// Negative: the deadline case reports the failure before it returns, so
// the goroutine is stranded only in a failing test (a fail path).
func TestChecksumInTime(t *testing.T) {
	sums := make(chan uint32)
	go func() { sums <- checksum([]byte("abc")) }()
	select {
	case s := <-sums:
		if s == 0 {
			t.Error("zero checksum")
		}
	case <-time.After(time.Second):
		t.Errorf("checksum still running after %v", time.Second)
		return
	}
}

// Positive twin: the deadline case only logs, the test passes and the
// goroutine is left sending.
func TestChecksumLogsSlowness(t *testing.T) {
	sums := make(chan uint32)
	go func() { sums <- checksum([]byte("abc")) }() // want `goroutine sends on sums, but the test can return at line \d+ \(the time.After\(time.Second\) case\) without receiving from it`
	select {
	case s := <-sums:
		if s == 0 {
			t.Error("zero checksum")
		}
	case <-time.After(time.Second):
		t.Logf("checksum still running after %v", time.Second)
		return
	}
}

// readMagic reads a file's four-byte magic number and closes the file on
// success; when the read fails it returns early and leaves the file open.
func readMagic(f *os.File) ([4]byte, error) {
	var m [4]byte
	if _, err := io.ReadFull(f, m[:]); err != nil {
		return m, fmt.Errorf("magic: %w", err)
	}
	return m, f.Close()
}

// Negative: the file stays open only when readMagic failed, and there
// the test has called t.Errorf: it leaks only in a failing test.
func TestMagicErrorReported(t *testing.T) {
	f, err := os.Open("testdata/image.bin")
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMagic(f)
	if err != nil {
		t.Errorf("read: %v", err)
	}
	if m[0] != 0x89 {
		t.Errorf("magic %x", m)
	}
}

// Positive twin: the failed read is only logged, the test passes and the
// file stays open.
func TestMagicErrorLogged(t *testing.T) {
	f, err := os.Open("testdata/image.bin") // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMagic(f)
	if err != nil {
		t.Logf("read: %v", err)
	}
	if m[0] != 0x89 {
		t.Errorf("magic %x", m)
	}
}

// Negative: the assertion is false, and has reported the failure, exactly
// where readMagic failed and left the file open.
func TestMagicAssertedBranch(t *testing.T) {
	f, err := os.Open("testdata/image.bin")
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMagic(f)
	if !assert.NoError(t, err) {
		return
	}
	assert.Equal(t, byte(0x89), m[0])
}

// Positive twin: the branch asserts something else; the test passes with
// the read's error unchecked and the file open.
func TestMagicAssertedOtherValue(t *testing.T) {
	f, err := os.Open("testdata/image.bin") // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	m, _ := readMagic(f)
	if !assert.Equal(t, byte(0x89), m[0]) {
		return
	}
	t.Log("magic ok")
}

// Negative: the test goes on after assert.NoError, but only failing where
// the error is non-nil; wherever it passes, readMagic closed the file.
func TestMagicAssertedInline(t *testing.T) {
	f, err := os.Open("testdata/image.bin")
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMagic(f)
	assert.NoError(t, err)
	t.Logf("magic %x", m)
}

// Positive twin: the test expects the read to fail, and passes exactly
// where the file was left open.
func TestMagicExpectedToFail(t *testing.T) {
	f, err := os.Open("testdata/empty.bin") // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	_, err = readMagic(f)
	assert.Error(t, err)
}
