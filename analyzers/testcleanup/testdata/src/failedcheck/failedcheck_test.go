// Package failedcheck holds tests that stop early under t.Failed(): a
// return taken only where the test has already failed is a fail path.
package failedcheck

import (
	"database/sql"
	"os"
	"testing"
)

// ---- silent by default ----

func TestStopAfterFailedColumns(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query("SELECT a, b FROM t")
	if err != nil {
		t.Fatal(err)
	}
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		if c == "" {
			t.Errorf("empty column name")
		}
	}
	if t.Failed() {
		return
	}
	if err := rows.Close(); err != nil {
		t.Error(err)
	}
}

func TestGoOnUnlessFailed(t *testing.T) {
	f, err := os.Open("testdata/in.txt")
	if err != nil {
		t.Fatal(err)
	}
	if info, err := f.Stat(); err != nil || info.Size() == 0 {
		t.Errorf("empty input")
	}
	if !t.Failed() {
		f.Close()
	}
}

func TestFailedInSubtestBody(t *testing.T) {
	t.Run("rows", func(t *testing.T) {
		db, err := sql.Open("mysql", "dsn")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query("SELECT 1")
		if err != nil {
			t.Fatal(err)
		}
		if cols, _ := rows.Columns(); len(cols) != 1 {
			t.Error("want one column")
		}
		if t.Failed() {
			return
		}
		rows.Close()
	})
}

// ---- reported ----

func TestStopWhenPassing(t *testing.T) {
	f, err := os.Open("testdata/in.txt") // want `f from os.Open is not closed on the path that returns at line 85`
	if err != nil {
		t.Fatal(err)
	}
	if info, err := f.Stat(); err != nil || info.Size() == 0 {
		t.Errorf("empty input")
	}
	if !t.Failed() {
		return
	}
	f.Close()
}

func TestFailedThenLeakAnyway(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query("SELECT 1") // want `rows from db.Query is never closed`
	if err != nil {
		t.Fatal(err)
	}
	if t.Failed() {
		return
	}
	if _, err := rows.Columns(); err != nil {
		t.Error(err)
	}
}
