package leaks

import (
	"database/sql"
	"net/http"
)

// Doer is how code injects an *http.Client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func doerNeverClosed(d Doer, req *http.Request) (int, error) {
	resp, err := d.Do(req) // want `resp.Body from d.Do is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

func querierNeverClosed(q Querier) (bool, error) {
	rows, err := q.Query("SELECT 1") // want `rows from q.Query is never closed`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func roundTripperNeverClosed(rt http.RoundTripper, req *http.Request) error {
	resp, err := rt.RoundTrip(req) // want `resp.Body from rt.RoundTrip is never closed`
	if err != nil {
		return err
	}
	_ = resp.Header
	return nil
}
