package leaks

import (
	"database/sql"
)

// Calling a method on a resource borrows it (RULES' Borrow), even when
// the method returns something built from the resource's fields.

type PreparedQuery struct {
	*sql.Stmt
	labels map[string]string
}

type Row struct {
	rows   *sql.Rows
	err    error
	labels map[string]string
}

func prepareQuery(db *sql.DB, q string) (*PreparedQuery, error) {
	s, err := db.Prepare(q)
	if err != nil {
		return nil, err
	}
	return &PreparedQuery{Stmt: s, labels: map[string]string{}}, nil
}

// One returns a row carrying the statement's labels, not the statement.
func (p *PreparedQuery) One(args ...any) *Row {
	rows, err := p.Stmt.Query(args...)
	return &Row{rows: rows, err: err, labels: p.labels}
}

// Scan reads the row and closes its rows.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		return sql.ErrNoRows
	}
	return r.rows.Scan(dest...)
}

func countUsers(db *sql.DB) (int, error) {
	q, err := prepareQuery(db, "SELECT count(*) FROM users") // want `q from prepareQuery is never closed`
	if err != nil {
		return 0, err
	}
	var n int
	err = q.One().Scan(&n)
	return n, err
}

// A statement made for a transaction is a new one: the original is
// still owed its Close.
func renameInTx(db *sql.DB, tx *sql.Tx, id int, name string) error {
	stmt, err := db.Prepare("UPDATE users SET name = ? WHERE id = ?") // want `stmt from db.Prepare is never closed`
	if err != nil {
		return err
	}
	txStmt := tx.Stmt(stmt)
	defer txStmt.Close()
	_, err = txStmt.Exec(name, id)
	return err
}
