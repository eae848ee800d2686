package leaks

import "database/sql"

// scanIDs reads the rows but leaves closing them to its caller.
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
	rows, err := db.Query("SELECT id FROM t") // want `rows from db.Query is never closed; scanIDs receives it but neither releases nor keeps it`
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}
