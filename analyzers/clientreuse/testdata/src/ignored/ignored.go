// Package ignored: suppressed reports and test files.
package ignored

import (
	"database/sql"
	"net/http"
)

func proxy(w http.ResponseWriter, r *http.Request) {
	//leakvet:ignore clientreuse each tenant brings its own CA; the pool is tiny
	tr := &http.Transport{}
	(&http.Client{Transport: tr}).Get("http://tenant")
}

func sameLine(dsns []string) {
	for _, dsn := range dsns {
		db, _ := sql.Open("postgres", dsn) //leakvet:ignore clientreuse,unclosed one-off migration over every shard
		db.Ping()
	}
}

// Fetch builds a transport per call; only a test handler calls it per
// request, which does not make it per request in production.
func Fetch(url string) {
	(&http.Client{Transport: &http.Transport{}}).Get(url)
}
