// Package categories pins the Category of clientreuse's diagnostics.
package categories

import "net/http"

type proxy struct{ upstream string }

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// category: per-request
	tr := &http.Transport{MaxIdleConns: 4} // want `builds a new HTTP transport on every request`
	resp, err := (&http.Client{Transport: tr}).Get(p.upstream)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

func pingAll(urls []string) {
	for _, u := range urls {
		// category: loop
		c := &http.Client{Transport: &http.Transport{}} // want `builds a new HTTP transport on every iteration of the loop`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// Negative: one transport for the whole loop.
func pingShared(urls []string) {
	c := &http.Client{Transport: &http.Transport{}}
	for _, u := range urls {
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
	c.CloseIdleConnections()
}
