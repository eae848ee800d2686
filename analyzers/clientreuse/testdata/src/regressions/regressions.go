// Package regressions holds the shapes of real code that clientreuse got
// wrong once, or that pin a decision.
package regressions

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"net/url"
	"time"

	"backoff"
)

// miniflux: a helper returns a cheap client or, when a flag asks for it,
// a client around a fresh transport. A notification loop calls it per
// entry: with the flag set, a transport per entry.
type options struct {
	timeout      time.Duration
	blockPrivate bool
}

func newClientWithOptions(opts options) *http.Client {
	if !opts.blockPrivate {
		return &http.Client{Timeout: opts.timeout}
	}
	d := &net.Dialer{Timeout: opts.timeout}
	return &http.Client{Timeout: opts.timeout, Transport: &http.Transport{DialContext: d.DialContext}}
}

func notify(entries []string, block bool) {
	for _, e := range entries {
		c := newClientWithOptions(options{timeout: time.Second, blockPrivate: block}) // want `newClientWithOptions builds a new HTTP transport .* on every iteration of the loop and never closes it`
		c.Get("http://notify/" + e)
	}
}

// go-gh: the fresh transport is only a default that the caller's own
// transport replaces; callers pass theirs.
type clientOptions struct {
	socket    string
	transport http.RoundTripper
}

func newHTTPClient(opts clientOptions) *http.Client {
	var transport http.RoundTripper = http.DefaultTransport
	if opts.socket != "" {
		transport = &http.Transport{DisableKeepAlives: true}
	}
	if opts.transport != nil {
		transport = opts.transport
	}
	return &http.Client{Transport: transport}
}

func queryAll(shared http.RoundTripper, queries []string) {
	for _, q := range queries {
		c := newHTTPClient(clientOptions{transport: shared})
		c.Get("http://api/" + q)
	}
}

// dev-tunnels: the caller's client, or a fresh one when none is given.
type manager struct{ client *http.Client }

func newManager(host string, c *http.Client) *manager {
	var client *http.Client
	if c == nil {
		client = &http.Client{Transport: &http.Transport{}}
	} else {
		client = c
	}
	return &manager{client: client}
}

func connectAll(c *http.Client, hosts []string) {
	for _, h := range hosts {
		m := newManager(h, c)
		m.client.Get("http://" + h)
	}
}

// google-api: a transport built only as the template of a Clone (when the
// default transport is not an *http.Transport) never connects.
func baseTransport() *http.Transport {
	return &http.Transport{MaxIdleConns: 100}
}

func defaultBase() http.RoundTripper {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		base = baseTransport()
	}
	return base.Clone()
}

var sharedRT = defaultBase()

// openfga: a readiness probe retries a fresh pool until the database
// answers; the closure runs inside the retry helper, not per iteration of
// a loop of ours, and nothing repeats the probe per request.
func waitForDatabase(dsn string) error {
	return backoff.Retry(func() error {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.Ping()
	}, 10)
}

func bootstrap(dsns []string) error {
	for _, dsn := range dsns {
		if err := waitForDatabase(dsn); err != nil {
			return err
		}
	}
	return nil
}

// nsq: N workers each loop over jobs, building a transport per job. The
// job loop is reported; the loop that starts the workers is not.
func startWorkers(n int, jobs <-chan string) {
	for i := 0; i < n; i++ {
		go worker(jobs)
	}
}

func worker(jobs <-chan string) {
	for url := range jobs {
		post(url) // want `post builds a new HTTP transport .* on every iteration of the loop and never closes it`
	}
}

func post(url string) {
	(&http.Client{Transport: newDeadlineTransport(time.Second)}).Post(url, "application/json", nil)
}

func newDeadlineTransport(timeout time.Duration) *http.Transport {
	return &http.Transport{ResponseHeaderTimeout: timeout, IdleConnTimeout: 90 * time.Second}
}

// nsqadmin: a notification per admin action, each with its own transport.
func handleActions(actions <-chan string) {
	for a := range actions {
		client := &http.Client{Transport: newDeadlineTransport(time.Second)} // want `newDeadlineTransport builds a new HTTP transport .* on every iteration of the loop and never closes it`
		resp, err := client.Post("http://notify", "text/plain", nil)
		if err != nil {
			continue
		}
		resp.Body.Close()
		_ = a
	}
}

// gophish: a restricted transport per import request.
type server struct{}

func (s *server) importSite(w http.ResponseWriter, r *http.Request) {
	d := &net.Dialer{Timeout: time.Second}
	tr := &http.Transport{DialContext: d.DialContext} // want `&http.Transport\{...\} builds a new HTTP transport on every request and never closes it`
	client := &http.Client{Transport: tr}
	resp, err := client.Get(r.FormValue("url"))
	if err != nil {
		return
	}
	resp.Body.Close()
}

// A context-aware dial helper used at start-up only.
func dialOnce(ctx context.Context) *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}

var startupClient = dialOnce(context.Background())

// certmagic (caddy): the OCSP fetch builds a transport only when a proxy
// is configured, else it uses http.DefaultClient. Callers are not told:
// loading certificates in a loop is silent.
type ocspConfig struct {
	proxy func(*http.Request) (*url.URL, error)
}

func fetchOCSP(cfg ocspConfig, u string) error {
	client := http.DefaultClient
	if cfg.proxy != nil {
		client = &http.Client{Transport: &http.Transport{Proxy: cfg.proxy}}
	}
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func loadCertificates(cfg ocspConfig, urls []string) {
	for _, u := range urls {
		fetchOCSP(cfg, u)
	}
}

// The same shape directly in a handler is reported: with the option set,
// every request builds a transport.
func insecureFetch(w http.ResponseWriter, r *http.Request) {
	var rt http.RoundTripper = http.DefaultTransport
	if r.URL.Query().Get("insecure") != "" {
		rt = &http.Transport{} // want `&http.Transport\{\} builds a new HTTP transport on every request and never closes it`
	}
	(&http.Client{Transport: rt}).Get("http://upstream")
}

// Either branch builds one: callers are told.
func eitherTransport(tlsOn bool) *http.Transport {
	var tr *http.Transport
	if tlsOn {
		tr = &http.Transport{ForceAttemptHTTP2: true}
	} else {
		tr = &http.Transport{}
	}
	return tr
}

func useEither(w http.ResponseWriter, r *http.Request) {
	tr := eitherTransport(r.TLS != nil) // want `eitherTransport builds a new HTTP transport .* on every request and never closes it`
	(&http.Client{Transport: tr}).Get("http://upstream")
}
