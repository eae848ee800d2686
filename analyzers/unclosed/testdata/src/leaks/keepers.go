package leaks

import (
	"database/sql"
	"errors"
	"net"
)

// A constructor that stores statements in the struct it builds and
// drops the struct when a later step fails: the earlier statements leak
// on that path (RULES' Keeper).
type userRepo struct {
	byID   *sql.Stmt
	byName *sql.Stmt
}

func newUserRepo(db *sql.DB) (*userRepo, error) {
	r := &userRepo{}
	var err error
	r.byID, err = db.Prepare("SELECT name FROM users WHERE id = ?") // want "r.byID from db.Prepare is not closed on the path that returns at line 26; call r.byID.Close\\(\\) on that path"
	if err != nil {
		return nil, err
	}
	r.byName, err = db.Prepare("SELECT id FROM users WHERE name = ?")
	if err != nil {
		return nil, err
	}
	return r, nil
}

// The address of the connection goes into a session returned only when
// the greeting succeeds.
type peer struct {
	conn *net.Conn
	name string
}

func dialPeer(addr, name string) (*peer, error) {
	c, err := net.Dial("tcp", addr) // want `c from net.Dial is not closed on the path that returns at line 44`
	if err != nil {
		return nil, err
	}
	if _, err := c.Write([]byte("HELLO " + name)); err != nil {
		return nil, errors.Join(errors.New("greeting"), err)
	}
	return &peer{conn: &c, name: name}, nil
}
