package summaries // want package:"Analyzed"

import (
	"database/sql"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"testing"
)

func closes(c io.Closer) { c.Close() } // want closes:"ClosesParam\\(0\\)"

func closesBody(resp *http.Response) { resp.Body.Close() } // want closesBody:"ClosesParam\\(0\\)"

func borrows(r io.Reader) { io.Copy(io.Discard, r) } // want borrows:"DrainsParam\\(0\\)"

var kept []io.Closer

func takes(c io.Closer) { kept = append(kept, c) } // want takes:"TakesOwnership\\(0\\)"

func sends(ch chan<- *os.File, f *os.File) { ch <- f } // want sends:"TakesOwnership\\(1\\)"

func calls(fn func() error) error { return fn() } // want calls:"ClosesParam\\(0\\) CallsParam\\(0\\)"

func identity[T any](v T) T { return v } // want identity:"ReturnsParam\\(0\\)"

func fetch(url string) (*http.Response, error) { return http.Get(url) } // want fetch:"ReturnsOwned\\(0:net/http.Response\\)"

func query(db *sql.DB) (*sql.Rows, error) { return db.Query("SELECT 1") } // want query:"ReturnsOwned\\(0:database/sql.Rows\\)"

// fetchClosed closes what it returns: the caller owes nothing.
func fetchClosed(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return resp, nil
}

type wrapper struct{ f *os.File }

func (w *wrapper) Close() error { return w.f.Close() } // want Close:"ClosesParam\\(0\\)"

func open(p string) (*wrapper, error) { // want open:"ReturnsOwned\\(0:Close\\)"
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return &wrapper{f: f}, nil
}

func fatal(msg string) { log.Fatal(msg) } // want fatal:"NoReturn"

func exit() { os.Exit(1) } // want exit:"NoReturn"

func fail(t *testing.T) { t.Fatal("x") } // want fail:"MayFailNow FailsNow"

func check(t *testing.T, err error) { // want check:"MayFailNow FailsOnErr\\(1\\)"
	if err != nil {
		t.Fatal(err)
	}
}

func mustNil(err error) { // want mustNil:"FailsOnErr\\(0\\)"
	if err != nil {
		panic(err)
	}
}

func plain(err error) error { return errors.Join(err) }
