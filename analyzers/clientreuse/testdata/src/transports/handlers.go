// Package transports: HTTP transports built per request or per iteration.
package transports

import (
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"time"
)

// A transport literal inside a handler: a pool per request, never closed.
func proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}} // want `&http.Transport\{...\} builds a new HTTP transport on every request and never closes it`
	resp, err := client.Get("http://upstream/" + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

type server struct {
	upstream string
	client   *http.Client
}

// new(http.Transport) in ServeHTTP.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tr := new(http.Transport) // want `new\(http.Transport\) builds a new HTTP transport on every request and never closes it`
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	resp, err := tr.RoundTrip(r)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Cloning the default transport per request builds a new pool too.
func cloneDefault(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `http.DefaultTransport.\(\*http.Transport\).Clone builds a new HTTP transport on every request and never closes it`
	client := &http.Client{Transport: tr, Timeout: time.Second}
	resp, err := client.Do(r)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Closing the idle connections after each request still pays a fresh
// pool and handshake per request: churn.
func churn(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{}} // want `&http.Transport\{\} builds a new HTTP transport on every request and closes it again, so each request pays for new connections`
	defer client.CloseIdleConnections()
	resp, err := client.Get("http://upstream")
	if err != nil {
		return
	}
	resp.Body.Close()
}

func churnDirect(w http.ResponseWriter, r *http.Request) {
	tr := &http.Transport{} // want `closes it again`
	defer tr.CloseIdleConnections()
	(&http.Client{Transport: tr}).Get("http://upstream")
}

// A bare client, with or without a timeout, shares DefaultTransport.
func bareClient(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://upstream")
	if err != nil {
		return
	}
	resp.Body.Close()
	c2 := &http.Client{}
	c2.Get("http://other")
}

var shared = &http.Transport{MaxIdleConnsPerHost: 100}

// A client around a shared transport is cheap.
func sharedTransport(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: shared, Timeout: time.Second}
	client.Get("http://upstream")
}

// Dialers, TLS configs and requests are cheap.
func cheap(w http.ResponseWriter, r *http.Request) {
	d := &net.Dialer{Timeout: time.Second}
	conf := &tls.Config{ServerName: "x"}
	req, _ := http.NewRequest("GET", "http://upstream", nil)
	_, _, _ = d, conf, req
}

// The constructor builds the pool once; handlers reuse it.
func newServer(upstream string) *server {
	return &server{upstream: upstream, client: &http.Client{Transport: &http.Transport{MaxIdleConns: 100}}}
}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	resp, err := s.client.Get(s.upstream)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Lazily built once and kept in a field.
type lazy struct {
	mu     sync.Mutex
	client *http.Client
}

func (l *lazy) handle(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	if l.client == nil {
		l.client = &http.Client{Transport: &http.Transport{}}
	}
	c := l.client
	l.mu.Unlock()
	c.Get("http://upstream")
}

// Built inside a sync.Once: once per process.
var (
	once     sync.Once
	onceTr   *http.Transport
	getTrans = sync.OnceValue(func() *http.Transport { return &http.Transport{} })
)

func withOnce(w http.ResponseWriter, r *http.Request) {
	once.Do(func() {
		onceTr = &http.Transport{}
	})
	(&http.Client{Transport: onceTr}).Get("http://a")
	(&http.Client{Transport: getTrans()}).Get("http://b")
}

// A reverse proxy per request, with its own transport.
func reverseProxy(w http.ResponseWriter, r *http.Request) {
	target, _ := url.Parse("http://backend")
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.Transport = &http.Transport{ResponseHeaderTimeout: time.Second} // want `&http.Transport\{...\} builds a new HTTP transport on every request and never closes it`
	rp.ServeHTTP(w, r)
}

// The proxy and its transport built once by the constructor: silent.
type gatewayProxy struct{ rp *httputil.ReverseProxy }

func newGatewayProxy(target *url.URL) *gatewayProxy {
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.Transport = &http.Transport{MaxIdleConnsPerHost: 32}
	return &gatewayProxy{rp: rp}
}

func (g *gatewayProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) { g.rp.ServeHTTP(w, r) }

// Per-backend clients kept in a slice of struct values at start-up.
type backend struct {
	name   string
	client *http.Client
}

type balancer struct{ backends []backend }

func newBalancer(names []string) *balancer {
	b := &balancer{}
	for _, n := range names {
		b.backends = append(b.backends, backend{name: n, client: &http.Client{Transport: &http.Transport{}}})
	}
	return b
}

// RULES clientreuse expensive list (new(http.Transport)): built once by a
// New* constructor that stores it, so silent.
type rawServer struct{ tr *http.Transport }

func newRawServer() *rawServer {
	tr := new(http.Transport)
	tr.MaxIdleConns = 10
	return &rawServer{tr: tr}
}

func (s *rawServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	resp, err := s.tr.RoundTrip(r)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// RULES clientreuse "Report at the expression that creates the pool ...,
// not at a Client literal wrapping it": the literals are on different lines.
func multiLineClient(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{
		Timeout:   time.Second,
		Transport: &http.Transport{MaxIdleConns: 1}, // want `&http.Transport\{...\} builds a new HTTP transport on every request and never closes it`
	}
	client.Get("http://upstream")
}
