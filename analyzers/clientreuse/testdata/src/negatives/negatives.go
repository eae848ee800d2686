// Package negatives: code that looks like a pool per request but is not.
package negatives

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"

	"greeterpb"
)

// The default client and package-level helpers share DefaultTransport.
func defaults(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://upstream")
	if err == nil {
		resp.Body.Close()
	}
	http.DefaultClient.Get("http://upstream")
	c := new(http.Client)
	c.Get("http://upstream")
}

// Cookie jars, redirect policies and timeouts make a client, not a pool.
func jarClient(w http.ResponseWriter, r *http.Request) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	c.Get("http://upstream")
}

// A round tripper that decorates the shared transport is cheap.
type authTransport struct {
	base  http.RoundTripper
	token string
}

func (a *authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+a.token)
	return a.base.RoundTrip(r)
}

var sharedTransport = &http.Transport{MaxIdleConnsPerHost: 64}

func decorated(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &authTransport{base: sharedTransport, token: r.Header.Get("X-Token")}}
	c.Get("http://upstream")
}

// Per-request TLS configs and dialers are cheap.
var baseTLS = &tls.Config{MinVersion: tls.VersionTLS12}

func perRequestTLS(w http.ResponseWriter, r *http.Request) {
	cfg := baseTLS.Clone()
	cfg.ServerName = r.Host
	d := net.Dialer{Timeout: time.Second}
	conn, err := tls.DialWithDialer(&d, "tcp", r.Host+":443", cfg)
	if err == nil {
		conn.Close()
	}
}

// A reload endpoint swaps a new transport in: it is kept.
var current atomic.Pointer[http.Client]

func reload(w http.ResponseWriter, r *http.Request) {
	current.Store(&http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}})
}

// A per-host client cache in a sync.Map.
var perHost sync.Map

func viaSyncMap(w http.ResponseWriter, r *http.Request) {
	v, ok := perHost.Load(r.Host)
	if !ok {
		v, _ = perHost.LoadOrStore(r.Host, &http.Client{Transport: &http.Transport{}})
	}
	v.(*http.Client).Get("http://" + r.Host)
}

// A gRPC service that keeps one client per backend on its receiver.
type router struct {
	greeterpb.UnimplementedGreeterServer
	mu    sync.Mutex
	conns map[string]*grpc.ClientConn
}

func (s *router) SayHello(ctx context.Context, in *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) {
	s.mu.Lock()
	conn, ok := s.conns[in.Name]
	if !ok {
		var err error
		conn, err = grpc.NewClient(in.Name)
		if err != nil {
			s.mu.Unlock()
			return nil, err
		}
		s.conns[in.Name] = conn
	}
	s.mu.Unlock()
	return greeterpb.NewGreeterClient(conn).SayHello(ctx, in)
}

// A command-line tool: one client for all its arguments.
func run(args []string) {
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 4}}
	for _, a := range args {
		resp, err := client.Get(a)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func main() { run(os.Args[1:]) }

// A retry loop inside a handler with the shared client.
func retries(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ {
		resp, err := http.DefaultClient.Get("http://flaky")
		if err == nil {
			resp.Body.Close()
			return
		}
	}
}

// A package-level client set up from configuration in init.
var clients = map[string]*redis.Client{}

func init() {
	for _, addr := range []string{"a:6379", "b:6379"} {
		clients[addr] = redis.NewClient(&redis.Options{Addr: addr})
	}
}

func lookup(w http.ResponseWriter, r *http.Request) {
	clients["a:6379"].Get(r.Context(), r.URL.Path)
}

// A handler that builds a value holding a pool from a shared pool.
type repo struct{ rdb *redis.Client }

func newRepo(rdb *redis.Client) *repo { return &repo{rdb: rdb} }

func perRequestRepo(w http.ResponseWriter, r *http.Request) {
	newRepo(clients["a:6379"]).rdb.Get(r.Context(), "k")
}
