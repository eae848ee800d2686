// Package handbackdefer: a function with a deferred call returns through
// result slots (go/ssa stores each result, runs the defers and returns
// what it loads back). A response handed to a func value whose result is
// returned that way is handed on, as without the defer; a result stored
// and then dropped, or a func value whose result is not returned, still
// only borrows it.
package handbackdefer

import (
	"errors"
	"net/http"
	"sync"
)

// Fallback decides what the caller gets when the upstream keeps failing:
// it returns the response or closes it.
type Fallback func(resp *http.Response, err error, attempts int) (*http.Response, error)

// Mirror fetches from an upstream, retrying on server errors.
type Mirror struct {
	HTTP     *http.Client
	OnFail   Fallback
	mu       sync.Mutex
	inFlight int
}

func (m *Mirror) enter() { m.mu.Lock(); m.inFlight++; m.mu.Unlock() }
func (m *Mirror) leave() { m.mu.Lock(); m.inFlight--; m.mu.Unlock() }

// ---- silent ----

// Get hands the last failed response to OnFail and returns its result,
// with a deferred call pending.
func (m *Mirror) Get(req *http.Request) (*http.Response, error) {
	m.enter()
	defer m.leave()
	var resp *http.Response
	var err error
	for attempt := 1; ; attempt++ {
		resp, err = m.HTTP.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if attempt == 3 {
			break
		}
		if err == nil {
			resp.Body.Close()
		}
	}
	if m.OnFail != nil {
		return m.OnFail(resp, err, 3)
	}
	if err == nil {
		resp.Body.Close()
	}
	return nil, errors.New("upstream keeps failing")
}

// ---- reported ----

// Probe asks OnFail but returns its own verdict: the response OnFail
// gives back is dropped, so it only borrowed the body.
func (m *Mirror) Probe(req *http.Request) error {
	m.enter()
	defer m.leave()
	resp, err := m.HTTP.Do(req) // want `resp.Body from m.HTTP.Do is never closed`
	if err != nil {
		return err
	}
	if resp.StatusCode >= 500 {
		_, ferr := m.OnFail(resp, nil, 1) // want `the \*http.Response returned by m.OnFail is discarded`
		return ferr
	}
	return nil
}
