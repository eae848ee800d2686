package poolfacts // want package:"Analyzed"

// The ConstructsPool facts the engine exports for typical helpers.

import (
	"database/sql"
	"net/http"
	"sync"
)

// Builds and closes a pool per call.
func ping(dsn string) error { // want ping:`ConstructsPool\(drops database pool from sql.Open, closed\)`
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// Builds one and forgets it.
func count(dsn string) int { // want count:`ConstructsPool\(drops database pool from sql.Open, leaked\)`
	db, _ := sql.Open("postgres", dsn)
	var n int
	db.QueryRow("SELECT 1").Scan(&n)
	return n
}

// Returns a fresh pool: the caller owns it (and unclosed's ReturnsOwned
// says so too).
func open(dsn string) (*sql.DB, error) { // want open:`ReturnsOwned\(0:database/sql.DB\)` open:`ConstructsPool\(returns database pool from sql.Open at 0\)`
	return sql.Open("postgres", dsn)
}

// Returns a client wrapping a fresh transport.
func newClient() *http.Client { // want newClient:`ConstructsPool\(returns wrapped HTTP transport from &http.Transport\{\} at 0\)`
	return &http.Client{Transport: &http.Transport{}}
}

// Through a helper: the chain is recorded.
func check(dsn string) bool { // want check:`ConstructsPool\(drops database pool from poolfacts.ping → sql.Open, closed\)`
	return ping(dsn) == nil
}

// A pool per iteration of its own loop is reported there; callers are told.
func pingAll(dsns []string) { // want pingAll:`ConstructsPool\(drops database pool from poolfacts.ping → sql.Open, closed per iteration\)`
	for _, dsn := range dsns {
		ping(dsn)
	}
}

// Kept in a global or a cache: nothing to tell.
var (
	mu     sync.Mutex
	byDSN  = map[string]*sql.DB{}
	shared *http.Transport
)

func cached(dsn string) (*sql.DB, error) {
	mu.Lock()
	defer mu.Unlock()
	if db, ok := byDSN[dsn]; ok {
		return db, nil
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	byDSN[dsn] = db
	return db, nil
}

func setShared() { shared = &http.Transport{} }

// A default the caller can replace: whether a call builds one depends on
// the caller.
func transportOr(rt http.RoundTripper) http.RoundTripper { // want transportOr:`ReturnsParam\(0\)`
	if rt == nil {
		rt = &http.Transport{}
	}
	return rt
}

// A template only cloned never connects.
func cloned() *http.Transport { // want cloned:`ConstructsPool\(returns HTTP transport from \(\*http.Transport\).Clone at 0\)`
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		base = &http.Transport{}
	}
	return base.Clone()
}

// A bare client is not a pool.
func bare() *http.Client { return &http.Client{} }

// Built only when a proxy is configured, else shared: callers are not told.
func viaProxy(proxy string) *http.Client {
	c := http.DefaultClient
	if proxy != "" {
		c = &http.Client{Transport: &http.Transport{}}
	}
	return c
}
