// Package sql is not database/sql: its names match the resource table's
// but its types are its own (RULES: exact type identity, never type strings).
package sql

type DB struct{}

type Rows struct{}

func (*Rows) Close() error { return nil }

func (*Rows) Next() bool { return false }

func Open(driver, dsn string) (*DB, error) { return &DB{}, nil }

func (*DB) Query(q string, args ...any) (*Rows, error) { return &Rows{}, nil }

func (*DB) Close() error { return nil }
