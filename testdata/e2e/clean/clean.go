// Package clean releases everything it acquires.
package clean

import (
	"database/sql"
	"io"
	"net/http"
	"os"
)

// Body reads and closes a response body.
func Body(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Copy copies a file, closing both ends.
func Copy(dst, src string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = io.Copy(out, in)
	return err
}

// Count runs a query in a transaction.
func Count(db *sql.DB) (n int, err error) {
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if err := tx.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil {
		return 0, err
	}
	return n, tx.Commit()
}
