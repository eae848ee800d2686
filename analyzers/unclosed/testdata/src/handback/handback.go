// Package handback holds responses given to a caller-supplied func value
// at the end of a retry loop: when the func value's result is returned,
// the response is handed on (the handler gives it back or closes it);
// otherwise the func value only borrows it.
package handback

import (
	"errors"
	"net/http"
)

// OnGiveUp decides what the caller gets once the retries run out.
type OnGiveUp func(resp *http.Response, err error, tries int) (*http.Response, error)

// Inspect looks at a failed response.
type Inspect func(resp *http.Response, err error)

// Describe turns a failed response into a message.
type Describe func(resp *http.Response) string

// Retrier retries a request.
type Retrier struct {
	Client  *http.Client
	GiveUp  OnGiveUp
	Observe Inspect
	Explain Describe
	Pick    func(resp *http.Response) *http.Response
}

// ---- silent ----

// Do hands the last response to GiveUp and returns what it returns.
func (r *Retrier) Do(req *http.Request) (*http.Response, error) {
	var tries int
	for {
		tries++
		resp, err := r.Client.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if tries < 3 {
			if err == nil {
				resp.Body.Close()
			}
			continue
		}
		if r.GiveUp != nil {
			return r.GiveUp(resp, err, tries)
		}
		if err == nil {
			resp.Body.Close()
		}
		return nil, errors.New("giving up")
	}
}

// Picked hands the response to a func value with a single result of its
// type, and returns that result.
func (r *Retrier) Picked(req *http.Request) (*http.Response, error) {
	resp, err := r.Client.Do(req)
	if err != nil {
		return nil, err
	}
	return r.Pick(resp), nil
}

// ---- reported ----

// Check lets Observe look at the response and drops it.
func (r *Retrier) Check(req *http.Request) error {
	resp, err := r.Client.Do(req) // want `resp.Body from r.Client.Do is never closed`
	if err != nil {
		return err
	}
	r.Observe(resp, nil)
	return nil
}

// Why returns Explain's message: a string cannot carry the body.
func (r *Retrier) Why(req *http.Request) string {
	resp, err := r.Client.Do(req) // want `resp.Body from r.Client.Do is never closed`
	if err != nil {
		return err.Error()
	}
	return r.Explain(resp)
}

// Discard calls GiveUp but drops what it returns.
func (r *Retrier) Discard(req *http.Request) error {
	resp, err := r.Client.Do(req) // want `resp.Body from r.Client.Do is never closed`
	if err != nil {
		return err
	}
	_, err = r.GiveUp(resp, nil, 1) // want `the \*http.Response returned by r.GiveUp is discarded`
	return err
}
