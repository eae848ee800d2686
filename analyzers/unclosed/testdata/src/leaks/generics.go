package leaks

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

// decode is generic; its body leaks the response for every T.
func decode[T any](url string) (T, error) {
	var v T
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return v, err
	}
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

func useDecode() {
	_, _ = decode[int]("a")
	_, _ = decode[string]("b")
}

// queryOne reaches *sql.DB.Query only through its type parameter.
func queryOne[Q interface {
	Query(string, ...any) (*sql.Rows, error)
}](q Q) bool {
	rows, err := q.Query("SELECT 1") // want `rows from q.Query is never closed`
	if err != nil {
		return false
	}
	return rows.Next()
}

func useQueryOne(db *sql.DB) bool { return queryOne(db) }

func mustGet[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func genericMustNotClosed(url string) int {
	resp := mustGet(http.Get(url)) // want `the response body from http.Get is never closed`
	return resp.StatusCode
}
