package rowsiface

import (
	"database/sql"
	"errors"
	"testing"
)

// collect drains src into dst; it gives up with an error on a bad
// column count or scan, where src stays open.
func collect(src RowSource, dst *[]string) error {
	cols, err := src.Columns()
	if err != nil {
		return err
	}
	if len(cols) != 1 {
		return errors.New("want one column")
	}
	for src.Next() {
		var s string
		if err := src.Scan(&s); err != nil {
			return err
		}
		*dst = append(*dst, s)
	}
	return src.Err()
}

// first reads one row and returns: src stays open.
func first(src RowSource) (string, error) {
	var s string
	if src.Next() {
		if err := src.Scan(&s); err != nil {
			return "", err
		}
	}
	return s, src.Err()
}

// Negative: the rows are drained by collect; only where it failed (and
// the test with it) do they stay open.
func TestCollectNames(t *testing.T) {
	db, err := sql.Open("stub", "x")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query("select name from people")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := collect(rows, &names); err != nil {
		t.Error(err)
	}
	if len(names) == 0 {
		t.Error("no names")
	}
}

// Positive twin: first leaves the rows open on its successful path.
func TestFirstName(t *testing.T) {
	db, err := sql.Open("stub", "x")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query("select name from people") // want `rows from db.Query is never closed`
	if err != nil {
		t.Fatal(err)
	}
	name, err := first(rows)
	if err != nil || name == "" {
		t.Errorf("first: %q, %v", name, err)
	}
}
