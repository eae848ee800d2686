// Package split pins how clientreuse and unclosed share database pools:
// a pool built per request or per iteration is clientreuse's, leaked or
// not; every other leak of a pool is unclosed's. Exactly one reports.
package split

import (
	"database/sql"
	"net/http"
	"sync"
)

func perRequest(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "dsn") // want `clientreuse: sql.Open builds a new database pool on every request and never closes it`
	if err != nil {
		return
	}
	db.Ping()
}

func perIteration(dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn) // want `clientreuse: sql.Open builds a new database pool on every iteration of the loop and never closes it`
		if err != nil {
			continue
		}
		db.Ping()
	}
}

// Once, outside any repetition: a plain leak.
func once(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want `unclosed: db from sql.Open is never closed`
	if err != nil {
		return err
	}
	return db.Ping()
}

// A retry loop keeps the pool that answers (clientreuse is silent) but
// leaks every pool that does not (unclosed reports).
func retry(dsn string) (*sql.DB, error) {
	var err error
	for i := 0; i < 3; i++ {
		db, openErr := sql.Open("postgres", dsn) // want `unclosed: db from sql.Open is not closed before the next loop iteration acquires another`
		if openErr != nil {
			return nil, openErr
		}
		if err = db.Ping(); err != nil {
			continue
		}
		return db, nil
	}
	return nil, err
}

// A handler that caches the pool, except when the ping fails: the pool
// is kept (clientreuse is silent) but leaks on the error path (unclosed).
type cache struct {
	mu  sync.Mutex
	dbs map[string]*sql.DB
}

func (c *cache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	dsn := r.URL.Query().Get("dsn")
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.dbs[dsn]; ok {
		return
	}
	db, err := sql.Open("postgres", dsn) // want `unclosed: db from sql.Open is not closed on the path that returns at line \d+`
	if err != nil {
		return
	}
	if err := db.Ping(); err != nil {
		return
	}
	c.dbs[dsn] = db
}

// A helper returning a fresh pool, called per request: clientreuse at the
// call, unclosed silent.
func open(dsn string) (*sql.DB, error) { return sql.Open("postgres", dsn) }

func viaHelper(w http.ResponseWriter, r *http.Request) {
	db, err := open("dsn") // want `clientreuse: open builds a new database pool \(sql.Open at split.go:\d+\) on every request and never closes it`
	if err != nil {
		return
	}
	db.Ping()
}

// A helper that leaks its pool, reached only from a handler: clientreuse
// at the sql.Open, unclosed silent.
func count(dsn string) int {
	db, err := sql.Open("postgres", dsn) // want `clientreuse: sql.Open builds a new database pool on every request and never closes it`
	if err != nil {
		return 0
	}
	var n int
	db.QueryRow("SELECT 1").Scan(&n)
	return n
}

func countHandler(w http.ResponseWriter, r *http.Request) { count("dsn") }

// Closed per request: clientreuse reports churn, unclosed has nothing.
func churn(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "dsn") // want `clientreuse: sql.Open builds a new database pool on every request and closes it again`
	if err != nil {
		return
	}
	defer db.Close()
	db.Ping()
}

// Closed, once: neither.
func pingOnce(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}
