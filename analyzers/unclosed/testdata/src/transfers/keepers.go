package transfers

import (
	"database/sql"
	"net"
)

// The twins of leaks/keepers.go: the constructor closes what it already
// stored before it gives up, or stores nothing before the last failure.
type orderRepo struct {
	byID   *sql.Stmt
	byUser *sql.Stmt
}

func newOrderRepo(db *sql.DB) (*orderRepo, error) {
	r := &orderRepo{}
	var err error
	r.byID, err = db.Prepare("SELECT * FROM orders WHERE id = ?")
	if err != nil {
		return nil, err
	}
	r.byUser, err = db.Prepare("SELECT * FROM orders WHERE user = ?")
	if err != nil {
		r.byID.Close()
		return nil, err
	}
	return r, nil
}

type link struct {
	conn *net.Conn
	name string
}

func dialLink(addr, name string) (*link, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, err := c.Write([]byte("HELLO " + name)); err != nil {
		c.Close()
		return nil, err
	}
	return &link{conn: &c, name: name}, nil
}

// Returned together with the error: the caller gets the keeper either way.
func openLink(addr string) (*link, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	l := &link{conn: &c}
	_, err = c.Write([]byte("HELLO"))
	return l, err
}
