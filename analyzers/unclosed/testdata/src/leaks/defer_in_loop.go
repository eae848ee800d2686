package leaks

import (
	"database/sql"
	"io"
	"net/http"
	"os"
)

func deferFileInLoop(paths []string, w io.Writer) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop runs only when the function returns: every f from os.Open stays open until then`
		if _, err := io.Copy(w, f); err != nil {
			return err
		}
	}
	return nil
}

func deferBodyInLoop(urls []string) (n int) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `defer resp.Body.Close\(\) inside a loop runs only when the function returns`
		n++
	}
	return n
}

func deferRowsInLoop(db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.Query("SELECT * FROM t WHERE id = ?", id)
		if err != nil {
			return err
		}
		defer rows.Close() // want `defer rows.Close\(\) inside a loop`
	}
	return nil
}
