package rulesheet

import (
	"context"
	"crypto/tls"
	"database/sql"
	"io/ioutil"
	"net"
	"net/http"
)

// ioutil.TempFile is os.CreateTemp.
func legacyScratch() (string, error) {
	f, err := ioutil.TempFile("", "legacy") // want `f`
	if err != nil {
		return "", err
	}
	return f.Name(), nil
}

func legacyScratchClosed() (string, error) {
	f, err := ioutil.TempFile("", "legacy")
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), nil
}

func secureHello(addr string) error {
	c, err := tls.Dial("tcp", addr, &tls.Config{}) // want `c`
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("hello"))
	return err
}

func secureHelloClosed(addr string) error {
	c, err := tls.Dial("tcp", addr, &tls.Config{})
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write([]byte("hello"))
	return err
}

func packetPort() (string, error) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0") // want `pc`
	if err != nil {
		return "", err
	}
	return pc.LocalAddr().String(), nil
}

func packetPortClosed() (string, error) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer pc.Close()
	return pc.LocalAddr().String(), nil
}

func moveFunds(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE a SET n = 0"); err != nil {
		return err
	}
	return tx.Commit()
}

func moveFundsRolledBack(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE a SET n = 0"); err != nil {
		return err
	}
	return tx.Commit()
}

// An early break leaves the rows open.
func firstAdmin(db *sql.DB) string {
	rows, err := db.Query("SELECT name, admin FROM users") // want `rows`
	if err != nil {
		return ""
	}
	name := ""
	for rows.Next() {
		var n string
		var admin bool
		rows.Scan(&n, &admin)
		if admin {
			name = n
			break
		}
	}
	return name
}

func firstAdminClosed(db *sql.DB) string {
	rows, err := db.Query("SELECT name, admin FROM users")
	if err != nil {
		return ""
	}
	defer rows.Close()
	name := ""
	for rows.Next() {
		var n string
		var admin bool
		rows.Scan(&n, &admin)
		if admin {
			name = n
			break
		}
	}
	return name
}

func assetSize(fs http.FileSystem, name string) (int64, error) {
	f, err := fs.Open(name) // want `f`
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func assetSizeClosed(fs http.FileSystem, name string) (int64, error) {
	f, err := fs.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
