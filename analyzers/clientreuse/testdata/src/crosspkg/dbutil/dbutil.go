// Package dbutil holds helpers that build pools; its facts tell callers in
// other packages.
package dbutil

import (
	"database/sql"
	"net/http"
	"sync"
	"time"
)

// Ping opens a pool, pings and closes it: a fresh pool per call.
func Ping(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// Count opens a pool and forgets it.
func Count(dsn, table string) int {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0
	}
	var n int
	db.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	return n
}

// Check goes one call deeper.
func Check(dsn string) bool { return ping(dsn) == nil }

func ping(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// Open returns a fresh pool: its caller decides.
func Open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn)
}

// NewHTTPClient returns a client around a fresh transport.
func NewHTTPClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
}

var (
	mu    sync.Mutex
	cache = map[string]*sql.DB{}
)

// Cached returns the pool of a DSN, built once.
func Cached(dsn string) (*sql.DB, error) {
	mu.Lock()
	defer mu.Unlock()
	if db := cache[dsn]; db != nil {
		return db, nil
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	cache[dsn] = db
	return db, nil
}

// Shared returns the process-wide client: cheap.
func Shared() *http.Client { return http.DefaultClient }
