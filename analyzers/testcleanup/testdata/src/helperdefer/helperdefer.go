// Package helperdefer holds test helpers that release in a defer what
// they hand out (testcleanup, clause 2).
package helperdefer

import "database/sql"

// Store is a wrapper built on a database.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// User is data loaded from the store.
type User struct{ Name string }

// LoadUser reads a user: the result is data, not a view of db.
func LoadUser(db *sql.DB, id int) (*User, error) {
	var u User
	if err := db.QueryRow("SELECT name FROM users WHERE id = ?", id).Scan(&u.Name); err != nil {
		return nil, err
	}
	return &u, nil
}
