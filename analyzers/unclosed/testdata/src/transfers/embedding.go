package transfers

import "database/sql"

// Rows embeds *sql.Rows, as sqlx does; Close is promoted.
type Rows struct {
	*sql.Rows
	mapper func(string) string
}

func queryx(db *sql.DB, q string) (*Rows, error) {
	r, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	return &Rows{Rows: r}, nil
}

func promotedClose(db *sql.DB) error {
	rows, err := queryx(db, "SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
