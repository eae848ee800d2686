package rulesheet

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ---- rule 1: resource without cleanup, one kind each ----

func TestServerNeverClosed(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler()) // want `srv`
	if Greet("x") == "" {
		t.Error("empty")
	}
	_ = srv.URL
}

func TestServerCleanedUp(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	_ = srv.URL
}

func TestResponseBodyLeaked(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	resp, err := http.Get(srv.URL) // want `resp.Body`
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}
}

func TestResponseBodyClosed(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}
}

func TestFileInTempDirLeaked(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt")) // want `f`
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(Greet("file"))
}

func TestFileInTempDirClosed(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString(Greet("file"))
}

func TestListenerLeaked(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want `ln`
	if err != nil {
		t.Fatal(err)
	}
	t.Log(ln.Addr())
}

func TestListenerCleanedUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	t.Log(ln.Addr())
}

func TestPipeReadEndLeaked(t *testing.T) {
	r, w, err := os.Pipe() // want `r`
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r.Name())
	w.WriteString(Greet("pipe"))
	w.Close()
}

func TestPipeBothClosed(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.WriteString(Greet("pipe"))
	w.Close()
}

func TestMkdirTempNeverRemoved(t *testing.T) {
	dir, err := os.MkdirTemp("", "rs") // want `dir`
	if err != nil {
		t.Fatal(err)
	}
	t.Log(dir)
}

func TestMkdirTempRemoved(t *testing.T) {
	dir, err := os.MkdirTemp("", "rs")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	t.Log(dir)
}

func TestCommandNeverWaited(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil { // want `Wait`
		t.Fatal(err)
	}
}

func TestCommandWaited(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Error(err)
	}
}

func TestDatabaseLeaked(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:") // want `db`
	if err != nil {
		t.Fatal(err)
	}
	db.Ping()
}

func TestDatabaseClosed(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Ping()
}

// Per-iteration resource in a benchmark.
func BenchmarkDialLeaked(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	for b.Loop() {
		c, err := net.Dial("tcp", ln.Addr().String()) // want `c`
		if err != nil {
			b.Fatal(err)
		}
		c.Write([]byte("x"))
	}
}

func BenchmarkDialClosedEachIteration(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	for b.Loop() {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		c.Write([]byte("x"))
		c.Close()
	}
}

// ---- rule 2: helper defers what it hands out ----

func newTestServer(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close() // want `defer`
	return srv.URL
}

func newCleanTestServer(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	return srv.URL
}

// Only data copied out of the resource escapes.
func readGreeting(t *testing.T, path string) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return int(st.Size())
}

func TestHelpers(t *testing.T) {
	_ = newTestServer(t)
	_ = newCleanTestServer(t)
	_ = readGreeting(t, "x")
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // want `defer`
	return ctx
}

func testContextCleaned(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx
}

func scratchFile(t *testing.T) string {
	dir, err := os.MkdirTemp("", "scratch")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir) // want `defer`
	return filepath.Join(dir, "data.txt")
}

func scratchFileKept(t *testing.T) string {
	dir, err := os.MkdirTemp("", "scratch")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "data.txt")
}

func TestContextHelpers(t *testing.T) {
	_ = testContext(t)
	_ = testContextCleaned(t)
	_ = scratchFile(t)
	_ = scratchFileKept(t)
}
