// Package nilguard holds responses tested against nil after their error
// check: net/http returns a non-nil response whenever the error is nil,
// so `if resp != nil` there is always true and `if resp == nil` never is.
package nilguard

import (
	"errors"
	"io"
	"net/http"
)

// ---- silent ----

// fetchGuarded closes the body in a deferred closure registered under a
// redundant nil guard.
func fetchGuarded(c *http.Client, req *http.Request) (n int64, err error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	if resp != nil {
		defer func() {
			if cerr := resp.Body.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}
	if resp.StatusCode != http.StatusOK {
		return 0, errors.New(resp.Status)
	}
	return io.Copy(io.Discard, resp.Body)
}

// fetchGuardedDirect closes the body directly under a redundant guard.
func fetchGuardedDirect(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	if resp != nil {
		defer resp.Body.Close()
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// fetchNilReturn returns early on a nil response that cannot happen.
func fetchNilReturn(c *http.Client, req *http.Request) (status int, err error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	if resp == nil {
		return 0, errors.New("no response")
	}
	defer func() { err = errors.Join(err, resp.Body.Close()) }()
	return resp.StatusCode, nil
}

// ---- reported ----

// fetchGuardedBeforeCheck guards before the error check: there the
// response may be nil, and on the path where the error is nil and the
// status is bad nothing closes the body.
func fetchGuardedLate(c *http.Client, req *http.Request) (n int64, err error) {
	resp, err := c.Do(req) // want `resp.Body from c.Do is not closed on the path that returns at line 71`
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, errors.New(resp.Status)
	}
	if resp != nil {
		defer func() {
			if cerr := resp.Body.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}
	return io.Copy(io.Discard, resp.Body)
}

// fetchGuardedWrongWay closes only when the response is nil: never.
func fetchGuardedWrongWay(url string) error {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed`
	if err != nil {
		return err
	}
	if resp == nil {
		defer resp.Body.Close()
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
