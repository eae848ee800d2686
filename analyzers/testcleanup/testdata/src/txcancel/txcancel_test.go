// Package txcancel holds transactions begun under a context that the
// test cancels: database/sql rolls back a Tx whose context is done.
package txcancel

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

func openDB(t *testing.T) *sql.DB {
	db, err := sql.Open("postgres", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ---- silent ----

func TestCancelLater(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer time.AfterFunc(5*time.Millisecond, cancel).Stop()
	if _, err := tx.Exec("select pg_sleep(1)"); err == nil {
		t.Error("want the statement cancelled")
	}
}

func TestDeferredCancel(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("select 1").Scan(&n); err != nil {
		t.Error(err)
	}
}

func TestCancelRightAway(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := db.BeginTx(ctx, nil)
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("select 1"); err == nil {
		t.Error("want an error from a cancelled transaction")
	}
}

// ---- reported ----

func TestCancelOtherContext(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	other, stop := context.WithCancel(context.Background())
	_ = other
	defer stop()
	tx, err := db.BeginTx(context.WithoutCancel(ctx), nil) // want `tx from db.BeginTx is never committed or rolled back`
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec("select 1")
}

func TestNeverCancelled(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := db.BeginTx(ctx, nil) // want `tx from db.BeginTx is never committed or rolled back`
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec("select 1")
	go func() { _ = cancel }()
}
