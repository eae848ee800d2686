package exitrun

import (
	"database/sql"
	"os"
	"testing"
)

var db *sql.DB

func TestMain(m *testing.M) {
	var err error
	db, err = sql.Open("stub", "x")
	if err != nil {
		panic(err)
	}
	defer db.Close() // want "defer db.Close\\(\\) in TestMain never runs: os.Exit at line 19 ends the process without running deferred calls"
	defer Teardown() // want "defer Teardown\\(\\) in TestMain never runs"
	os.Exit(m.Run())
}

func TestUsesDB(t *testing.T) { _ = db }
