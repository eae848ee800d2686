// Package fixes checks the suggested fixes against fixes.go.golden.
package fixes

import (
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
)

func body(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func tx(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from db.Begin is not committed or rolled back`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM t"); err != nil {
		return err
	}
	return tx.Commit()
}

func declared(p string) (int64, error) {
	var f, err = os.Open(p) // want `f from os.Open is never closed`
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func noErrorResult(h http.Handler) string {
	srv := httptest.NewServer(h) // want `srv from httptest.NewServer is never closed`
	return srv.URL
}

func nested(ok bool, p string) error {
	if ok {
		f, err := os.Open(p) // want `f from os.Open is never closed`
		if err != nil {
			return err
		}
		_, err = f.Stat()
		return err
	}
	return nil
}

// No fix: the file escapes on one path, so a defer would close what the
// caller receives.
func escapes(p string, keep bool) (*os.File, error) {
	f, err := os.Open(p) // want `f from os.Open is not closed`
	if err != nil {
		return nil, err
	}
	if keep {
		return f, nil
	}
	return nil, nil
}

// No fix: a defer inside the loop would pile up.
func inLoop(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p) // want `f from os.Open is never closed; call f.Close\(\) before the iteration ends`
		if err != nil {
			continue
		}
		println(f.Name())
	}
}

// No fix: the error is not checked by the next statement.
func uncheckedError(p string) string {
	f, err := os.Open(p) // want `f from os.Open is never closed`
	name := p
	if err != nil {
		return name
	}
	return f.Name()
}

// The defer after the status check moves up to the error check.
func movesDefer(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 105`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Lent to a callback the engine cannot see: it may keep the response, so
// a `defer resp.Body.Close()` is not proved safe and no fix is offered.
func lentToCallback(url string, inspect func(*http.Response) error) error {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return err
	}
	return inspect(resp)
}
