// Package transfers holds ownership hand-offs unclosed must stay silent on.
package transfers

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func closeBody(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func helperClosesResponse(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	return nil
}

func closeQuietly(c io.Closer) { _ = c.Close() }

func helperClosesCloser(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer closeQuietly(f)
	return nil
}

func helperClosesBodyHandle(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeQuietly(resp.Body)
	return nil
}

// checkStatus closes the body and returns the response when the status is
// bad: the classic "callee closes the body and returns the response".
func checkStatus(resp *http.Response) (*http.Response, error) {
	if resp.StatusCode >= 400 {
		resp.Body.Close()
		return nil, io.EOF
	}
	return resp, nil
}

func calleeClosesOnError(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	resp, err = checkStatus(resp)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

// A helper that closes two levels down.
func finish(resp *http.Response) error { return release(resp.Body) }
func release(rc io.ReadCloser) error   { return rc.Close() }

func closedTwoLevelsDown(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return finish(resp)
}

// RULES "Released on a path: t/b/f/tb.Cleanup(fn) where fn releases it",
// in a non-test helper taking testing.TB.
func startServerCleanup(tb testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv.URL
}

func startServerCleanupClosure(tb testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h)
	tb.Cleanup(func() { srv.Close() })
	return srv.URL
}
