package transfers

import (
	"database/sql"
)

// The twins of leaks/method_borrows.go: a method that hands back the
// resource itself, or a wrapper holding it, does hand it on.

type namedQuery struct {
	*sql.Stmt
	name string
}

func prepareNamed(db *sql.DB, name, q string) (*namedQuery, error) {
	s, err := db.Prepare(q)
	if err != nil {
		return nil, err
	}
	return &namedQuery{Stmt: s, name: name}, nil
}

// Raw returns the statement itself.
func (n *namedQuery) Raw() *sql.Stmt { return n.Stmt }

type closingQuery struct{ q *namedQuery }

func (c *closingQuery) Close() error { return c.q.Close() }

// Closing wraps the whole query in a value that closes it.
func (n *namedQuery) Closing() *closingQuery { return &closingQuery{q: n} }

func closedThroughRaw(db *sql.DB) error {
	q, err := prepareNamed(db, "ping", "SELECT 1")
	if err != nil {
		return err
	}
	raw := q.Raw()
	defer raw.Close()
	_, err = raw.Exec()
	return err
}

func closedThroughWrapper(db *sql.DB) error {
	q, err := prepareNamed(db, "ping", "SELECT 1")
	if err != nil {
		return err
	}
	c := q.Closing()
	defer c.Close()
	_, err = q.Exec()
	return err
}

// The transaction's own statement is closed and so is the original.
func renameBothClosed(db *sql.DB, tx *sql.Tx, id int, name string) error {
	stmt, err := db.Prepare("UPDATE users SET name = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	txStmt := tx.Stmt(stmt)
	defer txStmt.Close()
	_, err = txStmt.Exec(name, id)
	return err
}
