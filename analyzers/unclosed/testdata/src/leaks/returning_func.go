package leaks

import (
	"errors"
	"net/http"
	"os"
)

// fetchFollow returns a response, but leaks the first one when it follows
// a redirect by hand.
func fetchFollow(url string) (*http.Response, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 17`
	if err != nil {
		return nil, err
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		return http.Get(loc)
	}
	return resp, nil
}

// openPair returns two files, but leaks the first if the second fails.
func openPair(a, b string) (*os.File, *os.File, error) {
	fa, err := os.Open(a) // want `fa from os.Open is not closed on the path that returns at line 30`
	if err != nil {
		return nil, nil, err
	}
	fb, err := os.Open(b)
	if err != nil {
		return nil, nil, err
	}
	return fa, fb, nil
}

// fetchChecked returns the response only when the status is fine.
func fetchChecked(url string) (*http.Response, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 42`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		return nil, errors.New(resp.Status)
	}
	return resp, nil
}
