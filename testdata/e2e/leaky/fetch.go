// Package leaky is the end-to-end fixture: each function leaks in one way.
package leaky

import (
	"fmt"
	"io"
	"net/http"

	"example.com/leaky/store"
)

// Status returns early on a bad status without closing the body.
func Status(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Names hands the rows to a helper in another package that closes them
// only by reading them all: a failed Scan leaves them open.
func Names(s *store.Store) ([]string, error) {
	rows, err := s.DB.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	return store.ScanNames(rows)
}

// Drained is fine: the helper in the other package closes the body.
func Drained(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer store.Drain(resp)
	return nil
}
