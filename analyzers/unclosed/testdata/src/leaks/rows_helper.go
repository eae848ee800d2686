package leaks

import "database/sql"

// scanIDs drains the rows (which closes them) but returns early when a Scan fails.
func scanIDs(rows *sql.Rows) ([]int, error) {
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func rowsHandedToHelper(db *sql.DB) ([]int, error) {
	rows, err := db.Query("SELECT id FROM t") // want `rows from db.Query is not closed on the path that returns at line 23; scanIDs closes or keeps it only when it succeeds: call rows.Close\(\) when it fails`
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// xRows embeds *sql.Rows, as sqlx does.
type xRows struct {
	*sql.Rows
	mapper func(string) string
}

func queryx(db *sql.DB, q string) (*xRows, error) {
	r, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	return &xRows{Rows: r}, nil
}

// RULES "Promoted methods through embedding": the wrapper is a resource
// through its embedded *sql.Rows; nothing calls the promoted Close, and
// the loop over the promoted Next stops early on the first negative id.
func promotedNeverClosed(db *sql.DB) error {
	rows, err := queryx(db, "SELECT 1") // want `rows from queryx is not closed on the path that returns at line 51`
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int
		if rows.Scan(&id) == nil && id < 0 {
			return nil
		}
	}
	return rows.Err()
}

// A loop over the promoted Next that runs to its end: database/sql
// closes the rows when Next returns false.
func promotedDrained(db *sql.DB) error {
	rows, err := queryx(db, "SELECT 1")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}
