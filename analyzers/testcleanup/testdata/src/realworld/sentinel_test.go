package realworld

import (
	"context"
	"database/sql"
	"net/http"
	"testing"
)

// Regression (go-sql-driver/mysql): the query is expected to fail with
// context.Canceled; the rows exist only when the test has already failed.
func TestExpectedCancel(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.QueryContext(ctx, "SELECT 1"); err != context.Canceled {
		t.Errorf("expected context.Canceled, got %v", err)
	}
	if _, err := db.BeginTx(ctx, nil); err != context.Canceled {
		t.Errorf("expected context.Canceled, got %v", err)
	}
}

// The sentinel compared, but nothing reports a failure when it differs:
// the response may exist and is never closed.
func TestSentinelWithoutFailure(t *testing.T) {
	resp, err := http.Get("http://example.invalid/") // want `resp.Body from http.Get is never closed`
	if err == http.ErrHandlerTimeout {
		return
	}
	t.Log(resp != nil)
}
