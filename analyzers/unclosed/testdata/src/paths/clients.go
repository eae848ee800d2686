package paths

import "net/http"

// RULES: any call that returns (*http.Response, error), through a
// function or an interface method of any name, acquires the body.

type requester interface {
	DoRequest(req *http.Request) (*http.Response, error)
}

type api struct{ hc *http.Client }

func (a *api) do(req *http.Request) (*http.Response, error) { return a.hc.Do(req) }

// ---- reported ----

func statusOf(c requester, req *http.Request) (int, error) {
	resp, err := c.DoRequest(req) // want `resp.Body from c.DoRequest is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func (a *api) ping(req *http.Request) int {
	resp, err := a.do(req) // want `resp.Body from a.do is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// ---- silent ----

func statusClosed(c requester, req *http.Request) (int, error) {
	resp, err := c.DoRequest(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// relay hands the response to its caller.
func relay(c requester, req *http.Request) (*http.Response, error) {
	return c.DoRequest(req)
}

func viaRelay(c requester, req *http.Request) error {
	resp, err := relay(c, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
