// Package gorm is a stub of gorm.io/gorm.
package gorm

import "database/sql"

type Dialector interface{ Name() string }

type Option interface{ Apply() }

type DB struct {
	sqlDB *sql.DB
	Error error
}

func Open(dialector Dialector, opts ...Option) (*DB, error) { return &DB{}, nil }

func (db *DB) DB() (*sql.DB, error) { return db.sqlDB, nil }

func (db *DB) First(dest any, conds ...any) *DB { return db }
