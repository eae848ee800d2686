// Package b has tests of both kinds, which make test variants of it and
// of its importers.
package b

import (
	"net/http"

	"example.com/mod/a"
)

// Fetch closes the body through a.Drain, which only a's facts tell.
func Fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	a.Drain(resp.Body)
	return nil
}

// Leak never closes the body.
func Leak(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Peeked hands the body to a.Peek, which a's facts say neither closes nor
// keeps it.
func Peeked(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	a.Peek(resp.Body)
	return nil
}
