package paths

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
)

// Named results plus a defer: the function returns through its result
// cells, and `return nil, err` on a later check overwrites the response
// it stored there.

var errBadStatus = errors.New("bad status")

// ---- reported ----

func fetchOK(c *http.Client, req *http.Request) (resp *http.Response, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("fetch %s: %w", req.URL, err)
		}
	}()
	resp, err = c.Do(req) // want `resp.Body from c.Do is not closed on the path that returns at line 30`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errBadStatus
	}
	return resp, nil
}

func openChecked(name string) (f *os.File, err error) {
	defer trace(name)()
	f, err = os.Open(name) // want `f from os.Open is not closed on the path that returns at line 42`
	if err != nil {
		return nil, err
	}
	if st, serr := f.Stat(); serr != nil || st.IsDir() {
		return nil, serr
	}
	return f, nil
}

// ---- silent ----

func fetchOKClosed(c *http.Client, req *http.Request) (resp *http.Response, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("fetch %s: %w", req.URL, err)
		}
	}()
	resp, err = c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errBadStatus
	}
	return resp, nil
}

func openCheckedReturned(name string) (f *os.File, err error) {
	defer trace(name)()
	f, err = os.Open(name)
	if err != nil {
		return nil, err
	}
	if _, err = f.Stat(); err != nil {
		return // a bare return hands back what the cells hold: f
	}
	return f, nil
}

func trace(name string) func() { return func() { _ = name } }

// RULES "Returned with an error": a function that returns an owned
// resource together with a non-nil error leaks it, since callers that
// check the error drop it.

type retrying struct{ next http.RoundTripper }

// ---- reported ----

func (r retrying) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req) // want `resp.Body from r.next.RoundTrip is returned together with a non-nil error at line 94, and callers that check the error drop it; close it before returning the error`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		return resp, fmt.Errorf("server error %d", resp.StatusCode)
	}
	return resp, nil
}

func openNonEmpty(name string) (*os.File, error) {
	f, err := os.Open(name) // want `f from os.Open is returned together with a non-nil error at line 105`
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		return f, io.ErrUnexpectedEOF
	}
	return f, nil
}

// ---- silent ----

func (r retrying) roundTripClosed(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		resp.Body.Close()
		return nil, fmt.Errorf("server error %d", resp.StatusCode)
	}
	return resp, nil
}

// statusError carries the response to the caller, which closes it.
type statusError struct{ resp *http.Response }

func (e *statusError) Error() string { return e.resp.Status }

func (r retrying) roundTripCarried(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		return resp, &statusError{resp: resp}
	}
	return resp, nil
}

func openPassesErr(name string) (*os.File, error) {
	f, err := os.Open(name)
	return f, err // the error is the acquisition's own: nil where f is owed
}
