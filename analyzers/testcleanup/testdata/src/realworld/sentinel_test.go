package realworld

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
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

// The sentinel compared, but the test goes on to use the response: it
// expects success, and the body is never closed.
func TestSentinelWithoutFailure(t *testing.T) {
	resp, err := http.Get("http://example.invalid/") // want `resp.Body from http.Get is never closed`
	if err == http.ErrHandlerTimeout {
		return
	}
	t.Log(resp.StatusCode)
}

// mustFail fails the test unless err is the expected kind of error.
func mustFail(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// Regression (lib/pq): the statement is expected to fail; the rows are
// never used.
func TestExpectedQueryError(t *testing.T) {
	db, err := sql.Open("postgres", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, err = db.Query("parse_error $1", 1)
	mustFail(t, err, "syntax error")
	_, err = db.Query("select 1/0")
	if !errors.Is(err, errDivision) {
		t.Errorf("wrong error: %v", err)
	}
}

var errDivision = errors.New("division by zero")

// Regression (hashicorp/go-retryablehttp): the request cannot succeed
// and the test compares the error it gets.
func TestUnreachable(t *testing.T) {
	_, err := http.Get("http://999.999.999.999:999/")
	if !strings.Contains(fmt.Sprint(err), "no such host") {
		t.Fatalf("unexpected error %v", err)
	}
}

// The error is checked for nil and the rows are dropped: a real leak.
func TestQueryUsedAsExec(t *testing.T) {
	db, err := sql.Open("postgres", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, err = db.Query("INSERT INTO t VALUES (1)") // want `the \*sql.Rows returned by db.Query is discarded`
	if err != nil {
		t.Fatal(err)
	}
}
