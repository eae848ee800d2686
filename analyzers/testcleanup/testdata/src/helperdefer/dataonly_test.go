package helperdefer

import (
	"net"
	"os"
	"path/filepath"
	"testing"
)

// Negative: only the port, copied out of the listener's address, leaves
// the helper (the free-port idiom).
func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Negative: the address as text.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Negative: directory entries are copies.
func entries(t *testing.T, dir string) []os.DirEntry {
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list, err := f.ReadDir(-1)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// Negative: only an error about the connection leaves the helper.
func probe(t *testing.T, addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("ping"))
	return err
}

// Positive twin: the listener itself leaves the helper already closed.
func listener(t *testing.T) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close() // want `defer ln.Close\(\) in helper listener runs when the helper returns, but ln is returned`
	return ln
}

// Negative: a goroutine body is not a helper; nothing receives what it
// returns.
func TestAcceptInGoroutine(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan net.Addr, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			done <- nil
			return
		}
		defer c.Close()
		done <- c.RemoteAddr()
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	<-done
}

// Positive twin: the same accept as a helper literal the test calls.
func TestAcceptHelperLiteral(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accept := func() net.Conn {
		c, err := ln.Accept()
		if err != nil {
			return nil
		}
		defer c.Close() // want `defer c.Close\(\) in the helper function literal runs when the helper returns, but c is returned`
		return c
	}
	got := accept()
	t.Log(got, freePort(t), freeAddr(t), entries(t, "."), probe(t, "x"), listener(t))
}

func cleanDir(dir string) func() {
	return func() { os.RemoveAll(dir) }
}

// Negative: the cleanup that removes the directory is built by a helper.
func TestCleanupFromHelper(t *testing.T) {
	dir, err := os.MkdirTemp("", "x")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanDir(dir))
	os.WriteFile(filepath.Join(dir, "a"), nil, 0o600)
}

func keepDir(dir string) func() {
	return func() { println(dir) }
}

// Positive twin: the helper's closure only prints the directory.
func TestCleanupFromHelperKeeps(t *testing.T) {
	dir, err := os.MkdirTemp("", "x") // want `dir from os.MkdirTemp is never removed`
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(keepDir(dir))
	os.WriteFile(filepath.Join(dir, "a"), nil, 0o600)
}
