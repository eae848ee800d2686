// Package store holds helpers the fixture calls across packages.
package store

import (
	"database/sql"
	"io"
	"net/http"
	"os"
)

// Store wraps a database.
type Store struct{ DB *sql.DB }

// ScanNames reads names; it leaves closing the rows to the caller.
func ScanNames(rows *sql.Rows) ([]string, error) {
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// Drain reads the body to the end and closes it.
func Drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// Sizes opens every file and defers each Close inside the loop.
func Sizes(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

// Migrate leaves the transaction open when the first statement fails.
func (s *Store) Migrate() error {
	tx, err := s.DB.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("CREATE TABLE t (x int)"); err != nil {
		return err
	}
	return tx.Commit()
}
