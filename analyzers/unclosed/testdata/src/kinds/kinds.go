// Package kinds has one leak and one clean use per resource kind.
package kinds

import (
	"context"
	"crypto/tls"
	"database/sql"
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

func prepareContextLeak(ctx context.Context, tx *sql.Tx) error {
	stmt, err := tx.PrepareContext(ctx, "SELECT 1") // want `stmt from tx.PrepareContext is never closed`
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
