package transfers

import (
	"database/sql"
	"net/http"
)

// The outer variable is assigned inside if/else; closed after the check.
func outerVariableAssignedInIf(db *sql.DB, all bool) error {
	var rows *sql.Rows
	var err error
	if all {
		rows, err = db.Query("SELECT * FROM t")
	} else {
		rows, err = db.Query("SELECT * FROM t WHERE active")
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	return nil
}

// Closed before the error check when non-nil.
func nilCheckBeforeErrCheck(url string) error {
	resp, err := http.Get(url)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return err
	}
	return nil
}

// A response that comes with an error is not owed (CheckRedirect).
func errorPathOwesNothing(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// err == nil form, with the close on the success branch only.
func closedOnSuccessBranch(url string) int {
	if resp, err := http.Get(url); err == nil {
		defer resp.Body.Close()
		return resp.StatusCode
	}
	return 0
}

// Closed explicitly on each path.
func closedOnEveryPath(url string) (bool, error) {
	resp, err := http.Get(url)
	if err != nil {
		return false, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return false, nil
	}
	resp.Body.Close()
	return true, nil
}
