// Package wording pins testcleanup's wording: plain code without
// backticks, the end of the test as the place a never-released resource
// leaks, and defer rather than t.Cleanup inside a literal called many
// times.
package wording

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// The related line points at the end of the test, not at the t.Fatal
// that only a failing test reaches.
func TestNeverClosedFatalFirst(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler()) // want "srv from httptest.NewServer is never closed; register t.Cleanup\\(srv.Close\\) right after creating it"
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
} // the test ends here

// Positive: a literal the loop calls once per name; a t.Cleanup per call
// would pile up, so the hint says defer.
func TestOpenPerName(t *testing.T) {
	size := func(name string) int64 {
		f, err := os.Open(name) // want "f from os.Open is never closed; close it with defer inside the function literal, which runs many times"
		if err != nil {
			return 0
		}
		st, err := f.Stat()
		if err != nil {
			return 0
		}
		return st.Size()
	}
	for _, n := range []string{"a", "b"} {
		t.Log(size(n))
	}
}

// Positive twin: called once, the hint is t.Cleanup.
func TestOpenOnce(t *testing.T) {
	size := func(name string) int64 {
		f, err := os.Open(name) // want "f from os.Open is never closed; register its cleanup with t.Cleanup right after creating it"
		if err != nil {
			return 0
		}
		st, _ := f.Stat()
		return st.Size()
	}
	t.Log(size("a"))
}

// Negative: only nil and an error leave the helper; no "nil is returned".
func dialCheck(t *testing.T, addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if _, err := c.Write([]byte("hello")); err != nil {
		return nil, err
	}
	return nil, nil
}

func TestDialCheck(t *testing.T) {
	if _, err := dialCheck(t, "127.0.0.1:1"); err != nil {
		t.Log(err)
	}
}
