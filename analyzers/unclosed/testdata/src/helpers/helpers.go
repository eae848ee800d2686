// Package helpers is a library whose functions close, keep, return or
// merely look at the resources they are given. Callers in other packages
// understand them through facts.
package helpers

import (
	"io"
	"net"
	"net/http"
	"os"
)

// Drain reads the body to the end and closes it.
func Drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// CloseAll closes every closer.
func CloseAll(cs ...io.Closer) {
	for _, c := range cs {
		c.Close()
	}
}

var pool []net.Conn

// Keep keeps the connection for later.
func Keep(c net.Conn) { pool = append(pool, c) }

// Inspect only looks at the response.
func Inspect(resp *http.Response) string { return resp.Status }

// Fetch returns a response the caller must close.
func Fetch(url string) (*http.Response, error) { return http.Get(url) }

// Reader owns a file.
type Reader struct{ f *os.File }

// Close closes the file.
func (r *Reader) Close() error { return r.f.Close() }

// OpenReader returns a Reader the caller must close.
func OpenReader(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &Reader{f: f}, nil
}

// Must panics on error and returns v.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Capture calls fn and keeps its error in *errp if that is nil.
func Capture(errp *error, fn func() error) {
	if err := fn(); err != nil && *errp == nil {
		*errp = err
	}
}
