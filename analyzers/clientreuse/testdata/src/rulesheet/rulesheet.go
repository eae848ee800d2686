// Package rulesheet holds one positive and one negative case for every
// pool kind and repeated context of clientreuse, written from RULES
// alone.
package rulesheet

import (
	"context"
	"database/sql"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
)

// ---- pools built in a loop ----

func pingAll(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{MaxIdleConns: 2}} // want `Transport`
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
		}
	}
}

// Negative: a cheap client with a shared transport, built per iteration.
func pingAllShared(urls []string) {
	for _, u := range urls {
		c := &http.Client{Timeout: time.Second}
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
		}
	}
}

func cloneEach(urls []string) {
	for _, u := range urls {
		tr := http.DefaultTransport.(*http.Transport).Clone() // want `Clone`
		c := &http.Client{Transport: tr}
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
		}
	}
}

// Negative: cloned once, outside the loop.
func cloneOnce(urls []string) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	c := &http.Client{Transport: tr}
	for _, u := range urls {
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
		}
	}
}

// A per-call pool that is closed is still churn.
func countRows(dsns []string) int {
	n := 0
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn) // want `sql.Open`
		if err != nil {
			continue
		}
		if db.Ping() == nil {
			n++
		}
		db.Close()
	}
	return n
}

// Negative: one pool per backend at start-up, stored.
type fleet struct{ dbs []*sql.DB }

func newFleet(dsns []string) (*fleet, error) {
	f := &fleet{}
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return nil, err
		}
		f.dbs = append(f.dbs, db)
	}
	return f, nil
}

func dialEach(targets []string) {
	for _, tg := range targets {
		cc, err := grpc.Dial(tg, grpc.WithInsecure()) // want `grpc.Dial`
		if err != nil {
			continue
		}
		cc.Invoke(context.Background(), "/x", nil, nil)
		cc.Close()
	}
}

func redisEach(addrs []string) {
	for _, a := range addrs {
		rc := redis.NewClient(&redis.Options{Addr: a}) // want `redis.NewClient`
		rc.Get(context.Background(), "k")
		rc.Close()
	}
}

// Negative: a redis client built once and kept in a package variable.
var cache = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

// ---- pools built per request ----

func proxyHandler(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}} // want `Transport`
	resp, err := c.Get("http://backend" + r.URL.Path)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// Negative: the handler uses a client built once.
var backend = &http.Client{Transport: &http.Transport{}}

func sharedProxyHandler(w http.ResponseWriter, r *http.Request) {
	resp, err := backend.Get("http://backend" + r.URL.Path)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// Reached from a handler through a static call.
func lookupUser(id string) error {
	db, err := sql.Open("postgres", "dsn") // want `sql.Open`
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

type api struct {
	once sync.Once
	db   *sql.DB
}

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := lookupUser(r.URL.Query().Get("id")); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
	a.once.Do(func() {
		db, err := sql.Open("postgres", "dsn")
		if err == nil {
			a.db = db
		}
	})
}

// Negative: a function that returns a fresh pool is itself fine.
func newBackendClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
}

// ...but calling it in a loop is reported at the call.
func pollBackends(urls []string) {
	for _, u := range urls {
		c := newBackendClient() // want `newBackendClient`
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
		}
	}
}
