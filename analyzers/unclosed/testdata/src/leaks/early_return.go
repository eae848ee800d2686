// Package leaks holds shapes of real leaks unclosed must report.
package leaks

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
)

// A status check that returns before the body is closed.
func earlyReturnAfterStatus(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 18`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The same through a client, with the status check in a switch.
func earlyReturnSwitch(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want `resp.Body from c.Do is not closed on the path that returns at line 32`
	if err != nil {
		return err
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		return fmt.Errorf("not found")
	}
	resp.Body.Close()
	return nil
}

// A scan error returns from inside the loop; Close is only at the end.
func earlyReturnInScanLoop(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want `rows from db.Query is not closed on the path that returns at line 48`
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	return names, rows.Err()
}
