// Package loud holds fail-path shapes under -testcleanup.failpath: a leak
// that happens only where the test has already failed is reported too.
package loud

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Positive: t.Fatalf on a failing dial ends the test before the defer is
// registered.
func TestListenerClosedAfterDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want "ln from net.Listen is closed only after line 27, where t.Fatalf may end the test first"
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
	f, err := os.CreateTemp(t.TempDir(), "x") // want "f from os.CreateTemp is closed only after line 46, where require.NoError may end the test first"
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

// readMagic reads a file's four-byte magic number and closes the file on
// success; when the read fails it returns early and leaves the file open.
func readMagic(f *os.File) ([4]byte, error) {
	var m [4]byte
	if _, err := io.ReadFull(f, m[:]); err != nil {
		return m, fmt.Errorf("magic: %w", err)
	}
	return m, f.Close()
}

// Positive with the flag: the file leaks where readMagic failed and the
// test called t.Errorf and went on.
func TestMagicErrorReported(t *testing.T) {
	// category: fail-path
	f, err := os.Open("testdata/image.bin") // want `f from os.Open is not closed on the path that returns at line \d+`
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

// Positive with the flag: the branch where assert.NoError reported the
// failure returns with the file open.
func TestMagicAssertedBranch(t *testing.T) {
	// category: fail-path
	f, err := os.Open("testdata/image.bin") // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMagic(f)
	if !assert.NoError(t, err) {
		return
	}
	assert.Equal(t, byte(0x89), m[0])
}

// Positive with the flag: assert.NoError reports the failure and the
// test returns with the file open.
func TestMagicAssertedInline(t *testing.T) {
	// category: fail-path
	f, err := os.Open("testdata/image.bin") // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMagic(f)
	assert.NoError(t, err)
	t.Logf("magic %x", m)
}

// Negative even with the flag: closed by a defer on every path.
func TestMagicDeferred(t *testing.T) {
	f, err := os.Open("testdata/image.bin")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := readMagic(f)
	if err != nil {
		t.Errorf("read: %v", err)
	}
	t.Logf("magic %x", m)
}

// Positive under the flag: the timeout case fails the test with t.Errorf
// and goes on to common code; the sender is stranded in a failing test.
func TestIndexReportsSlowness(t *testing.T) {
	done := time.After(time.Second)
	sizes := make(chan int)
	// category: fail-path
	go func() { sizes <- len("doc") }() // want `goroutine sends on sizes, but the test can return at line \d+ \(the done case\) without receiving from it`
	select {
	case n := <-sizes:
		if n != 3 {
			t.Errorf("size %d", n)
		}
	case <-done:
		t.Errorf("index took too long")
	}
	fmt.Sprint("cleanup")
}
