package transfers

import (
	"database/sql"
	"net/http"
	"os"
)

func deferredClosureCloses(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		_ = resp.Body.Close()
	}()
	return nil
}

func namedCleanupClosure(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cleanup := func() { f.Close() }
	defer cleanup()
	_, err = f.WriteString("x")
	return err
}

// A variable captured before it is assigned (a cell), closed by a defer
// registered first.
func deferRegisteredBeforeOpen(path string) (err error) {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	f, err = os.Open(path)
	if err != nil {
		return err
	}
	_, err = f.Stat()
	return err
}

func closureCalledInline(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	func() {
		defer rows.Close()
		for rows.Next() {
		}
	}()
	return nil
}

// RULES unclosed fix "move the close out of the loop body into a function
// per iteration": the defer runs at the end of each call.
func deferInPerIterationFunc(paths []string) error {
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.Stat()
			return err
		}()
		if err != nil {
			return err
		}
	}
	return nil
}
