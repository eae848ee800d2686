// Package web serves a health check that opens a pool on every request.
package web

import (
	"net/http"

	"example.com/pools/dbhelper"
)

// Health reports whether the database answers.
func Health(w http.ResponseWriter, r *http.Request) {
	if err := dbhelper.Ping("postgres://db"); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}
