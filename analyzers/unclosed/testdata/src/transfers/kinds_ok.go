package transfers

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	fakesql "example.com/database/sql"
)

func txRollbackDeferred(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func txRollbackOnEveryError(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func stmtClosed(db *sql.DB) error {
	stmt, err := db.Prepare("SELECT 1")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec()
	return err
}

func connClosed(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.PingContext(ctx)
}

func dialerClosed(ctx context.Context, addr string) error {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write([]byte("x"))
	return err
}

func createTempClosed() (string, error) {
	f, err := os.CreateTemp("", "x")
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), nil
}

// In a module on go1.23 or later an unstopped ticker is collected.
func tickerModernGo() {
	t := time.NewTicker(time.Second)
	<-t.C
}

func testServerClosed(h http.Handler) (string, error) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return resp.Status, nil
}

// RULES not resources: httptest.ResponseRecorder.Result().
func recorderResult(h http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	return resp.StatusCode
}

// RULES not resources: a function that merely returns a func(*http.Response) error.
func statusChecker(want int) func(*http.Response) error {
	return func(resp *http.Response) error {
		if resp.StatusCode != want {
			return errors.New(resp.Status)
		}
		return nil
	}
}

func useStatusChecker(resp *http.Response) error {
	check := statusChecker(http.StatusOK)
	return check(resp)
}

// RULES not resources: io.NopCloser bodies.
func nopCloserBody(data string) int {
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(data))}
	body := io.NopCloser(bytes.NewBufferString(data))
	_ = body
	return resp.StatusCode
}

// RULES not resources: bytes.Buffer.
func bufferNotResource() string {
	var b bytes.Buffer
	b.WriteString("x")
	buf := new(bytes.Buffer)
	buf.WriteString("y")
	return b.String() + buf.String()
}

// RULES "Exact type identity (package path), never type strings": a
// package named sql that is not database/sql holds no resources.
func lookalikeSQL(dsn string) (bool, error) {
	db, err := fakesql.Open("postgres", dsn)
	if err != nil {
		return false, err
	}
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}
