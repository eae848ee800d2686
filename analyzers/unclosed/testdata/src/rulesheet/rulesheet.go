// Package rulesheet holds one positive and one negative case for every
// resource kind and rule of unclosed, written from RULES alone.
package rulesheet

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
)

var errStatus = errors.New("bad status")

// ---- http responses ----

func status(url string) (int, error) {
	resp, err := http.Get(url) // want `resp.Body`
	if err != nil {
		return 0, err
	}
	if resp.StatusCode >= 500 {
		return 0, errStatus
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func statusClosed(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return 0, errStatus
	}
	return resp.StatusCode, nil
}

// A client-shaped interface whose method is not named Do.
type fetcher interface {
	Fetch(ctx context.Context, req *http.Request) (*http.Response, error)
}

func fetchLen(ctx context.Context, f fetcher, req *http.Request) (int64, error) {
	resp, err := f.Fetch(ctx, req) // want `resp.Body`
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}

func fetchLenClosed(ctx context.Context, f fetcher, req *http.Request) (int64, error) {
	resp, err := f.Fetch(ctx, req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.ContentLength, nil
}

// Returned: transferred.
func open(url string) (*http.Response, error) {
	return http.Get(url)
}

// A response handed to a func value that only reads it still leaks.
func inspect(url string, check func(*http.Response) error) error {
	resp, err := http.Get(url) // want `resp.Body`
	if err != nil {
		return err
	}
	return check(resp)
}

// ---- database/sql ----

func names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want `rows`
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Negative: the loop only ends when Next returns false (and Scan errors
// are collected, not returned early).
func namesDrained(db *sql.DB) []string {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil
	}
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

func prepared(db *sql.DB, ids []int) error {
	stmt, err := db.Prepare("DELETE FROM users WHERE id = ?") // want `stmt`
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return nil
}

func preparedClosed(db *sql.DB, ids []int) error {
	stmt, err := db.Prepare("DELETE FROM users WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return nil
}

func transfer(db *sql.DB) error {
	tx, err := db.Begin() // want `tx`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE a SET n = n - 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func transferRolledBack(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE a SET n = n - 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func pinned(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn`
	if err != nil {
		return err
	}
	return conn.PingContext(ctx)
}

func pinnedClosed(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.PingContext(ctx)
}

func openDB(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want `db`
	if err != nil {
		return err
	}
	return db.Ping()
}

// Negative: returned to the caller.
func openDBReturned(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// ---- files, pipes, network ----

func firstByte(path string) (byte, error) {
	f, err := os.Open(path) // want `f`
	if err != nil {
		return 0, err
	}
	b := make([]byte, 1)
	if _, err := f.Read(b); err != nil {
		return 0, err
	}
	f.Close()
	return b[0], nil
}

func firstByteClosed(path string) (byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.Read(b); err != nil {
		return 0, err
	}
	return b[0], nil
}

func scratch() (string, error) {
	f, err := os.CreateTemp("", "scratch") // want `f`
	if err != nil {
		return "", err
	}
	return f.Name(), nil
}

func scratchClosed() (string, error) {
	f, err := os.CreateTemp("", "scratch")
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), nil
}

func capture(fn func()) (string, error) {
	r, w, err := os.Pipe() // want `r`
	if err != nil {
		return "", err
	}
	old := os.Stdout
	os.Stdout = w
	fn()
	os.Stdout = old
	w.Close()
	b, err := io.ReadAll(r)
	return string(b), err
}

func captureClosed(fn func()) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	old := os.Stdout
	os.Stdout = w
	fn()
	os.Stdout = old
	w.Close()
	b, err := io.ReadAll(r)
	return string(b), err
}

func hello(addr string) error {
	c, err := net.Dial("tcp", addr) // want `c`
	if err != nil {
		return err
	}
	_, err = io.WriteString(c, "hello")
	return err
}

func helloClosed(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = io.WriteString(c, "hello")
	return err
}

func listenFD() (*os.File, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer ln.Close()
	return ln.(*net.TCPListener).File()
}

func listenFDDup() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	f, err := ln.(*net.TCPListener).File() // want `f`
	if err != nil {
		return err
	}
	_ = f.Fd()
	return nil
}

func run(name string) error {
	cmd := exec.Command(name)
	return cmd.Start() // want `Wait`
}

func runWaited(name string) error {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

// ---- other rules ----

// defer in a loop.
func sizes(paths []string) (int64, error) {
	var n int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return n, err
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		st, err := f.Stat()
		if err != nil {
			return n, err
		}
		n += st.Size()
	}
	return n, nil
}

func sizesEach(paths []string) (int64, error) {
	var n int64
	for _, p := range paths {
		m, err := sizeOf(p)
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

func sizeOf(p string) (int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// A leak inside a function that returns another resource.
func openSecond(a, b string) (*os.File, error) {
	fa, err := os.Open(a) // want `fa`
	if err != nil {
		return nil, err
	}
	if st, err := fa.Stat(); err != nil || st.Size() == 0 {
		return nil, errors.New("empty")
	}
	return os.Open(b)
}

func openSecondClosed(a, b string) (*os.File, error) {
	fa, err := os.Open(a)
	if err != nil {
		return nil, err
	}
	defer fa.Close()
	if st, err := fa.Stat(); err != nil || st.Size() == 0 {
		return nil, errors.New("empty")
	}
	return os.Open(b)
}

// Silent: consumed inside a goroutine that closes it.
func drainAsync(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go func() {
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}()
	return nil
}

// Silent: ownership passes through a generic helper.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustOpen(path string) string {
	f := must(os.Open(path))
	defer f.Close()
	b, _ := io.ReadAll(f)
	return strings.TrimSpace(string(b))
}

// Silent: stored in a field of the receiver.
type logger struct{ out *os.File }

func (l *logger) reopen(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	l.out = f
	return nil
}

// Returned together with a non-nil error.
func openChecked(path string) (*os.File, error) {
	f, err := os.Open(path) // want `non-nil error`
	if err != nil {
		return nil, err
	}
	if st, _ := f.Stat(); st != nil && st.IsDir() {
		return f, errors.New("is a directory")
	}
	return f, nil
}
