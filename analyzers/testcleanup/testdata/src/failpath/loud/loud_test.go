// Package loud holds fail-path shapes under -testcleanup.failpath: a leak
// that happens only where the test has already failed is reported too.
package loud

import (
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Positive: t.Fatalf on a failing dial ends the test before the defer is
// registered.
func TestListenerClosedAfterDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want "ln from net.Listen is closed only after line 24, where t.Fatalf may end the test first"
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

// Positive: the expected-error idiom leaks the response the test did not
// expect.
func TestRefusedConnection(t *testing.T) {
	if _, err := http.Get("http://127.0.0.1:1/refused"); err == nil { // want "the \\*http.Response returned by http.Get is discarded"
		t.Fatal("request to a closed port succeeded")
	}
}

// Positive: require.NoError ends a failing test before the close.
func TestFileClosedAfterRequire(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x") // want "f from os.CreateTemp is closed only after line 43, where require.NoError may end the test first"
	require.NoError(t, err)
	_, err = f.WriteString("payload")
	require.NoError(t, err)
	defer f.Close()
}

// Negative even with the flag: registered right after creation.
func TestFileCleanupFirst(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	_, err = f.WriteString("payload")
	require.NoError(t, err)
}

// Negative even with the flag: the failing check is on the call's own
// error, where nothing was acquired.
func TestOwnErrorOnly(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
}

// checksum stands for slow work a test runs in a goroutine.
func checksum(p []byte) uint32 {
	var s uint32
	for _, b := range p {
		s = s*31 + uint32(b)
	}
	return s
}

// Positive with the flag: the deadline case fails the test and returns,
// leaving the goroutine sending on a channel nobody reads.
func TestChecksumInTime(t *testing.T) {
	sums := make(chan uint32)
	// category: fail-path
	go func() { sums <- checksum([]byte("abc")) }() // want `goroutine sends on sums, but the test can return at line \d+ \(the time.After\(time.Second\) case\) without receiving from it`
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

// Negative even with the flag: the buffered send completes after the
// test has gone.
func TestChecksumInTimeBuffered(t *testing.T) {
	sums := make(chan uint32, 1)
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
