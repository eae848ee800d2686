package paths

import (
	"database/sql"
	"errors"
)

// RULES: Rows are closed when Next returns false, so a `for rows.Next()`
// loop whose only way out is Next returning false releases them; an
// early break, return or fatal call inside the loop does not.

// ---- reported ----

func oldestName(db *sql.DB) (string, error) {
	rows, err := db.Query("SELECT name, age FROM people") // want `rows from db.Query is not closed on the path that returns at line 24`
	if err != nil {
		return "", err
	}
	best, oldest := "", -1
	for rows.Next() {
		var name string
		var age int
		if err := rows.Scan(&name, &age); err != nil {
			return "", err // Next never returned false: the rows stay open
		}
		if age > oldest {
			best, oldest = name, age
		}
	}
	return best, rows.Err()
}

func firstNegative(db *sql.DB) (int, bool) {
	rows, err := db.Query("SELECT delta FROM ledger") // want `rows from db.Query is not closed on the path that returns at line 45`
	if err != nil {
		return 0, false
	}
	found, delta := false, 0
	for rows.Next() {
		if rows.Scan(&delta) == nil && delta < 0 {
			found = true
			break // leaves the loop with Next still true
		}
	}
	return delta, found
}

func notExhaustedWhenChecked(db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want `rows from db.Query is not closed on the path that returns at line 56`
	if err != nil {
		return err
	}
	if !rows.Next() {
		return errors.New("no rows")
	}
	return nil // one row read, more may follow: never exhausted here
}

// ---- silent ----

func totalStock(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT qty FROM stock")
	if err != nil {
		return 0, err
	}
	total := 0
	for rows.Next() {
		var qty int
		if err := rows.Scan(&qty); err != nil {
			continue // back to Next: the loop still ends only there
		}
		total += qty
	}
	return total, rows.Err()
}

func countUntilEmpty(db *sql.DB) (n int, err error) {
	rows, err := db.Query("SELECT 1 FROM jobs")
	if err != nil {
		return 0, err
	}
	for {
		if !rows.Next() {
			return n, rows.Err()
		}
		n++
	}
}

// scanAll drains the rows it is given on every path, so its caller owes
// them nothing.
func scanAll(rows *sql.Rows) []string {
	var out []string
	for rows.Next() {
		var s string
		if rows.Scan(&s) == nil {
			out = append(out, s)
		}
	}
	return out
}

func drainedByHelper(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT tag FROM tags")
	if err != nil {
		return nil, err
	}
	return scanAll(rows), nil
}
