package transports

import (
	"context"
	"net/http"
	"time"
)

type api struct{ base string }

// Clone() in a helper two calls below ServeHTTP: reported at the Clone,
// with the call path from ServeHTTP.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := a.check(r.Context())
	w.WriteHeader(status)
}

func (a *api) check(ctx context.Context) int {
	return ping(ctx, a.base)
}

func ping(ctx context.Context, url string) int {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `Clone builds a new HTTP transport on every request and never closes it`
	tr.MaxIdleConns = 1
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return http.StatusBadGateway
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A helper that returns a fresh client is fine by itself; the report goes
// on its call in the handler.
func newClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: &http.Transport{IdleConnTimeout: timeout}}
}

func usesNewClient(w http.ResponseWriter, r *http.Request) {
	c := newClient(time.Second) // want `newClient builds a new HTTP transport \(&http.Transport\{\} at paths.go:\d+\) on every request and never closes it`
	c.Get("http://upstream")
}

func usesNewClientClosed(w http.ResponseWriter, r *http.Request) {
	c := newClient(time.Second) // want `newClient builds a new HTTP transport .* on every request and closes it again`
	defer c.CloseIdleConnections()
	c.Get("http://upstream")
}

// The same helper used at start-up and kept: silent.
type gateway struct{ client *http.Client }

func newGateway() *gateway {
	return &gateway{client: newClient(time.Minute)}
}

var defaultClient = newClient(30 * time.Second)

// Closures created in a handler run per request too.
func withClosure(w http.ResponseWriter, r *http.Request) {
	fetch := func(url string) {
		tr := &http.Transport{} // want `&http.Transport\{\} builds a new HTTP transport on every request`
		(&http.Client{Transport: tr}).Get(url)
	}
	fetch("http://a")
	fetch("http://b")
}

// A handler registered by a factory: the returned closure is the entry.
func makeHandler(upstream string) http.HandlerFunc {
	tr := &http.Transport{} // built once per makeHandler call: silent
	return func(w http.ResponseWriter, r *http.Request) {
		(&http.Client{Transport: tr}).Get(upstream)
	}
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/a", makeHandler("http://a"))
	mux.Handle("/b", &api{base: "http://b"})
}

// A clone returned up two helpers to ServeHTTP: the report is on the call
// in ServeHTTP, with the chain.
type relay struct{ target string }

func (rl *relay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tr := rl.transport() // want `rl.transport builds a new HTTP transport \(\(\*relay\).tuned → \(\*http.Transport\).Clone at paths.go:\d+\) on every request and never closes it`
	(&http.Client{Transport: tr}).Get(rl.target)
}

func (rl *relay) transport() *http.Transport { return rl.tuned() }

func (rl *relay) tuned() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 4
	return tr
}

// The Go blog's appHandler: handlers return errors, and the converted
// type's ServeHTTP calls them. Registered with http.Handle, they run per
// request.
type appHandler func(http.ResponseWriter, *http.Request) error

func (fn appHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := fn(w, r); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func viewRecord(w http.ResponseWriter, r *http.Request) error {
	c := &http.Client{Transport: &http.Transport{}} // want `&http.Transport\{\} builds a new HTTP transport on every request and never closes it`
	_, err := c.Get("http://records/" + r.URL.Path)
	return err
}

// Not registered anywhere: a function of that shape alone is not an entry.
func exportRecords(w http.ResponseWriter, r *http.Request) error {
	c := &http.Client{Transport: &http.Transport{}}
	_, err := c.Get("http://records/export")
	return err
}

func register(mux *http.ServeMux) {
	mux.Handle("/view/", appHandler(viewRecord))
}
