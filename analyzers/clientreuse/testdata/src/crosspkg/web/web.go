// Package web calls dbutil's helpers from handlers: the reports land on
// the calls, with what the helper builds.
package web

import (
	"net/http"

	"crosspkg/dbutil"
)

func health(w http.ResponseWriter, r *http.Request) {
	if err := dbutil.Ping("postgres://db"); err != nil { // want `dbutil.Ping builds a new database pool \(sql.Open at dbutil.go:\d+\) on every request and closes it again`
		w.WriteHeader(http.StatusServiceUnavailable)
	}
}

func count(w http.ResponseWriter, r *http.Request) {
	n := dbutil.Count("postgres://db", "users") // want `dbutil.Count builds a new database pool \(sql.Open at dbutil.go:\d+\) on every request and never closes it`
	_ = n
}

func check(w http.ResponseWriter, r *http.Request) {
	dbutil.Check("postgres://db") // want `dbutil.Check builds a new database pool \(dbutil.ping → sql.Open at dbutil.go:\d+\) on every request and closes it again`
}

func open(w http.ResponseWriter, r *http.Request) {
	db, err := dbutil.Open("postgres://db") // want `dbutil.Open builds a new database pool \(sql.Open at dbutil.go:\d+\) on every request and never closes it`
	if err != nil {
		return
	}
	db.Ping()
}

func client(w http.ResponseWriter, r *http.Request) {
	c := dbutil.NewHTTPClient() // want `dbutil.NewHTTPClient builds a new HTTP transport \(&http.Transport\{\} at dbutil.go:\d+\) on every request and never closes it`
	c.Get("http://upstream")
}

// A helper of this package between the handler and dbutil: the report
// lands on the call of dbutil in the helper, with the path.
func report(w http.ResponseWriter, r *http.Request) {
	summarise(w, "postgres://db")
}

func summarise(w http.ResponseWriter, dsn string) {
	n := dbutil.Count(dsn, "orders") // want `dbutil.Count builds a new database pool .* on every request`
	_ = n
}

// Per iteration of a loop.
func checkAll(dsns []string) {
	for _, dsn := range dsns {
		dbutil.Ping(dsn) // want `dbutil.Ping builds a new database pool .* on every iteration of the loop and closes it again`
	}
}

// Silent: cached, shared, or built at start-up and kept.
func cached(w http.ResponseWriter, r *http.Request) {
	db, err := dbutil.Cached("postgres://db")
	if err != nil {
		return
	}
	db.Ping()
	dbutil.Shared().Get("http://upstream")
}

type server struct{ client *http.Client }

func newServer() *server {
	return &server{client: dbutil.NewHTTPClient()}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.client.Get("http://upstream")
}

// A failover probe at start-up still opens and closes a pool per DSN tried.
func firstHealthy(dsns []string) string {
	for _, dsn := range dsns {
		if err := dbutil.Ping(dsn); err == nil { // want `dbutil.Ping builds a new database pool .* on every iteration of the loop and closes it again`
			return dsn
		}
	}
	return ""
}

// One pool per backend, opened at start-up and kept.
func openAll(dsns []string) (map[string]any, error) {
	out := make(map[string]any)
	for _, dsn := range dsns {
		db, err := dbutil.Open(dsn)
		if err != nil {
			return nil, err
		}
		out[dsn] = db
	}
	return out, nil
}
