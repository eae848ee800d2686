// Package pgx is a stub of github.com/jackc/pgx/v5.
package pgx

import "context"

type Conn struct{ dsn string }

func Connect(ctx context.Context, connString string) (*Conn, error) {
	return &Conn{dsn: connString}, nil
}

func (c *Conn) Close(ctx context.Context) error { return nil }

func (c *Conn) Ping(ctx context.Context) error { return nil }
