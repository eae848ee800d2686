// Package kinds has one leak and one clean use per resource kind.
package kinds

import (
	"context"
	"crypto/tls"
	"database/sql"
	"database/sql/driver"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"time"
)

func createLeak(p string) error {
	f, err := os.Create(p) // want `f from os.Create is never closed`
	if err != nil {
		return err
	}
	_, err = f.WriteString("x")
	return err
}

func openFileOK(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func dialerLeak(ctx context.Context, addr string) error {
	d := &net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "tcp", addr) // want `c from d.DialContext is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("x"))
	return err
}

func listenLeak(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr) // want `ln from net.Listen is never closed`
	if err != nil {
		return "", err
	}
	return ln.Addr().String(), nil
}

func listenOK(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func udpLeak(addr *net.UDPAddr) error {
	c, err := net.ListenUDP("udp", addr) // want `c from net.ListenUDP is never closed`
	if err != nil {
		return err
	}
	_, err = c.WriteToUDP([]byte("x"), addr)
	return err
}

func tlsDialLeak(addr string) error {
	c, err := tls.Dial("tcp", addr, nil) // want `c from tls.Dial is never closed`
	if err != nil {
		return err
	}
	return c.Handshake()
}

func tlsDialOK(addr string) error {
	c, err := tls.Dial("tcp", addr, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Handshake()
}

// RULES: a Stmt from tx.Prepare* is released by the transaction's Commit
// or Rollback, which the transaction's owner owes.
func prepareInTx(ctx context.Context, tx *sql.Tx) error {
	stmt, err := tx.PrepareContext(ctx, "SELECT 1")
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx)
	return err
}

func prepareContextLeak(ctx context.Context, c *sql.Conn) error {
	stmt, err := c.PrepareContext(ctx, "SELECT 1") // want `stmt from c.PrepareContext is never closed`
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx)
	return err
}

func stmtQueryLeak(stmt *sql.Stmt) error {
	rows, err := stmt.Query() // want `rows from stmt.Query is never closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

func connBeginTxLeak(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil) // want `tx from conn.BeginTx is never committed or rolled back`
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "SELECT 1")
	return err
}

func testServerLeak(h http.Handler) string {
	srv := httptest.NewServer(h) // want `srv from httptest.NewServer is never closed`
	return srv.URL
}

// A pool opened for one check and never closed.
func pingOnce(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want `db from sql.Open is never closed`
	if err != nil {
		return err
	}
	return db.Ping()
}

func pingOnceOK(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// Pools built per request or per iteration are clientreuse's to report.
func handler(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", r.URL.Query().Get("dsn"))
	if err != nil {
		return
	}
	db.Ping()
}

func perIteration(dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			continue
		}
		db.Ping()
	}
}

func rootOpenLeak(root *os.Root) error {
	f, err := root.Open("x") // want `f from root.Open is never closed`
	if err != nil {
		return err
	}
	_, err = f.Stat()
	return err
}

func transportRoundTripOK(t *http.Transport, req *http.Request) (int, error) {
	resp, err := t.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// RULES resource table: http.PostForm.
func postFormLeak(url string) error {
	resp, err := http.PostForm(url, nil) // want `resp.Body from http.PostForm is never closed`
	if err != nil {
		return err
	}
	println(resp.Status)
	return nil
}

func postFormOK(url string) error {
	resp, err := http.PostForm(url, nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// RULES resource table: (*http.Client).Get/Post/PostForm.
func clientMethodsLeak(c *http.Client, url string) error {
	r1, err := c.Get(url) // want `r1.Body from c.Get is never closed`
	if err != nil {
		return err
	}
	r2, err := c.Post(url, "text/plain", nil) // want `r2.Body from c.Post is never closed`
	if err != nil {
		return err
	}
	r3, err := c.PostForm(url, nil) // want `r3.Body from c.PostForm is never closed`
	if err != nil {
		return err
	}
	println(r1.Status, r2.Status, r3.Status)
	return nil
}

func clientMethodsOK(c *http.Client, url string) error {
	r1, err := c.Get(url)
	if err != nil {
		return err
	}
	defer r1.Body.Close()
	r2, err := c.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	defer r2.Body.Close()
	r3, err := c.PostForm(url, nil)
	if err != nil {
		return err
	}
	defer r3.Body.Close()
	return nil
}

// RULES resource table: (*http.Transport).RoundTrip.
func transportRoundTripLeak(t *http.Transport, req *http.Request) (int, error) {
	resp, err := t.RoundTrip(req) // want `resp.Body from t.RoundTrip is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// RULES resource table: RoundTripper.RoundTrip.
func roundTripperOK(rt http.RoundTripper, req *http.Request) (int, error) {
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// RULES resource table: http.Head.
func headOK(url string) (int, error) {
	resp, err := http.Head(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// RULES resource table: (*sql.Tx).Query* and (*sql.Conn).Query* return *sql.Rows.
func txQueryLeak(tx *sql.Tx) error {
	rows, err := tx.Query("SELECT 1") // want `rows from tx.Query is never closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

func connQueryContextLeak(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, "SELECT 1") // want `rows from conn.QueryContext is never closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

func txQueryOK(tx *sql.Tx) error {
	rows, err := tx.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	return rows.Err()
}

// RULES resource table: Query* → *sql.Rows only; QueryRow's *sql.Row has no Close.
func queryRowOK(db *sql.DB, tx *sql.Tx) (int, error) {
	var n int
	if err := db.QueryRow("SELECT 1").Scan(&n); err != nil {
		return 0, err
	}
	row := tx.QueryRow("SELECT 2")
	return n, row.Scan(&n)
}

// RULES resource table: os.OpenFile.
func openFileLeak(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0) // want `f from os.OpenFile is never closed`
	if err != nil {
		return err
	}
	return f.Sync()
}

// RULES resource table: tls.Listen.
func tlsListenLeak(addr string, cfg *tls.Config) (string, error) {
	ln, err := tls.Listen("tcp", addr, cfg) // want `ln from tls.Listen is never closed`
	if err != nil {
		return "", err
	}
	return ln.Addr().String(), nil
}

func tlsListenOK(addr string, cfg *tls.Config) (string, error) {
	ln, err := tls.Listen("tcp", addr, cfg)
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// RULES resource table: httptest.NewTLSServer, NewUnstartedServer (already listening).
func tlsServerLeak(h http.Handler) string {
	srv := httptest.NewTLSServer(h) // want `srv from httptest.NewTLSServer is never closed`
	return srv.URL
}

func tlsServerOK(h http.Handler) string {
	srv := httptest.NewTLSServer(h)
	defer srv.Close()
	return srv.URL
}

func unstartedServerLeak(h http.Handler) string {
	srv := httptest.NewUnstartedServer(h) // want `srv from httptest.NewUnstartedServer is never closed`
	return srv.Listener.Addr().String()
}

func unstartedServerOK(h http.Handler) string {
	srv := httptest.NewUnstartedServer(h)
	defer srv.Close()
	return srv.Listener.Addr().String()
}

// RULES resource table: sql.OpenDB.
func openDBLeak(c driver.Connector) error {
	db := sql.OpenDB(c) // want `db from sql.OpenDB is never closed`
	return db.Ping()
}

func openDBOK(c driver.Connector) error {
	db := sql.OpenDB(c)
	defer db.Close()
	return db.Ping()
}
