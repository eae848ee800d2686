package resultsets

import (
	"database/sql"
	"testing"
)

// readAll drains every result set; the false result of the final
// NextResultSet closes the rows.
func readAll(t *testing.T, rows *sql.Rows) int {
	n := 0
	for {
		for rows.Next() {
			n++
		}
		if !rows.NextResultSet() {
			break
		}
	}
	return n
}

// expectLast reads one result set and checks that it was the last one:
// only when the check fails (and the test with it) are the rows left open.
func expectLast(t *testing.T, rows *sql.Rows) {
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
	}
	if rows.NextResultSet() {
		t.Fatal("unexpected result set")
	}
}

// peekSets asks for the next result set and keeps reading from it: the
// rows stay open when it exists.
func peekSets(t *testing.T, rows *sql.Rows) bool {
	return rows.NextResultSet()
}

// ---- silent ----

func TestDrainAllSets(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{"CALL a()", "CALL b()"} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, rows)
	}
}

// fixture wraps the test for the helpers, as database driver suites do.
type fixture struct {
	testing.TB
	db *sql.DB
}

func TestTwoSetsThroughFixture(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	check := func(rows *sql.Rows, f *fixture) {
		for rows.Next() {
			var a, b int
			if err := rows.Scan(&a, &b); err != nil {
				f.Fatal(err)
			}
		}
		if !rows.NextResultSet() {
			f.Fatal("want a second result set")
		}
		for rows.Next() {
			var c int
			if err := rows.Scan(&c); err != nil {
				f.Fatal(err)
			}
		}
		if rows.NextResultSet() {
			f.Error("want no third result set")
		}
	}
	withFixture(t, db, func(f *fixture) {
		for range 3 {
			rows, err := f.db.Query("CALL two_sets()")
			if err != nil {
				f.Fatal(err)
			}
			check(rows, f)
		}
	})
}

func withFixture(t *testing.T, db *sql.DB, body func(*fixture)) {
	body(&fixture{t, db})
}

func TestExpectLastSet(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{"CALL a()", "CALL b()"} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		expectLast(t, rows)
	}
}

func TestNextResultSetLoop(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query("CALL a()")
	if err != nil {
		t.Fatal(err)
	}
	for rows.NextResultSet() {
		for rows.Next() {
		}
	}
}

// ---- reported ----

func TestPeekSetPerIteration(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{"CALL a()", "CALL b()"} {
		rows, err := db.Query(q) // want `rows from db.Query is created in every loop iteration and not closed in it`
		if err != nil {
			t.Fatal(err)
		}
		peekSets(t, rows)
	}
}

func TestBreakOutOfSets(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query("CALL a()") // want `rows from db.Query is not closed`
	if err != nil {
		t.Fatal(err)
	}
	for rows.NextResultSet() {
		if rows.Next() {
			break
		}
	}
}

func TestColumnsThroughFixture(t *testing.T) {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	columns := func(rows *sql.Rows, f *fixture) {
		if _, err := rows.Columns(); err != nil {
			f.Fatal(err)
		}
	}
	withFixture(t, db, func(f *fixture) {
		for range 3 {
			rows, err := f.db.Query("CALL two_sets()") // want `rows from f.db.Query is created in every loop iteration and not closed in it`
			if err != nil {
				f.Fatal(err)
			}
			columns(rows, f)
		}
	})
}
