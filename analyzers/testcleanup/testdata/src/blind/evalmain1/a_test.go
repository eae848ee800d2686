package evalmain1

import (
	"database/sql"
	"fmt"
	"os"
	"testing"
)

var db *sql.DB

func TestMain(m *testing.M) {
	var err error
	db, err = sql.Open("x", "y")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer db.Close() // skipped by os.Exit, whose exit closes the pool too (process lifetime)
	exitCode := m.Run()
	os.Exit(exitCode)
}

func TestA(t *testing.T) { _ = db }
