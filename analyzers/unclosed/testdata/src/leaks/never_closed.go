package leaks

import (
	"bufio"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func neverClosedBody(url string) (int, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func neverClosedFile(path string) (string, error) {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(f).ReadString('\n')
	return line, err
}

func neverClosedRows(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1") // want `rows from db.Query is never closed`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func neverClosedPost(url string) error {
	resp, err := http.Post(url, "text/plain", nil) // want `resp.Body from http.Post is never closed`
	if err != nil {
		return err
	}
	println(resp.Status)
	return nil
}

func neverClosedHead(url string) bool {
	resp, err := http.DefaultClient.Head(url) // want `resp.Body from http.DefaultClient.Head is never closed`
	return err == nil && resp.StatusCode == http.StatusOK
}

// RULES "Released on a path: t/b/f/tb.Cleanup(fn)": a non-test helper
// taking testing.TB is unclosed's; without a Cleanup the server leaks.
func startServerNoCleanup(tb testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h) // want `srv from httptest.NewServer is never closed`
	tb.Log(srv.URL)
	return srv.URL
}
