// Package dbhelper opens a pool per call: its ConstructsPool fact tells
// callers in other packages.
package dbhelper

import "database/sql"

// Ping opens a pool, pings the database and closes the pool again.
func Ping(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}
