package leaks

import (
	"context"
	"database/sql"
	"net"
	"time"
)

func sqlConnNeverClosed(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn from db.Conn is never closed`
	if err != nil {
		return err
	}
	return conn.PingContext(ctx)
}

func netConnLeakOnHandshake(addr string) (net.Conn, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second) // want `c from net.DialTimeout is not closed on the path that returns at line 24`
	if err != nil {
		return nil, err
	}
	if _, err := c.Write([]byte("HELLO\n")); err != nil {
		return nil, err
	}
	return c, nil
}

func stmtNeverClosed(db *sql.DB) error {
	stmt, err := db.Prepare("INSERT INTO t VALUES (?)") // want `stmt from db.Prepare is never closed`
	if err != nil {
		return err
	}
	_, err = stmt.Exec(1)
	return err
}
