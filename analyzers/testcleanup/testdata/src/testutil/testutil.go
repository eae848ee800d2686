// Package testutil is a test-helper library (not a _test.go file): its
// helpers are understood by the packages that use them through facts.
package testutil

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// NewServer starts a server that the test's cleanup closes.
func NewServer(t testing.TB, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// StartServer starts a server the caller must close.
func StartServer(h http.Handler) *httptest.Server {
	return httptest.NewServer(h)
}

// OpenDB opens a database the caller must close.
func OpenDB(dsn string) (*sql.DB, error) {
	return sql.Open("stub", dsn)
}

// Check ends the test when err is not nil.
func Check(t testing.TB, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

// Expect may end the test.
func Expect(t testing.TB, ok bool) {
	if !ok {
		t.Fatal("expectation failed")
	}
}

// RemoveOnCleanup removes dir when the test ends.
func RemoveOnCleanup(t testing.TB, dir string) {
	t.Cleanup(func() { os.RemoveAll(dir) })
}

// CloseOnCleanup closes c when the test ends.
func CloseOnCleanup(t testing.TB, c interface{ Close() error }) {
	t.Cleanup(func() { c.Close() })
}
