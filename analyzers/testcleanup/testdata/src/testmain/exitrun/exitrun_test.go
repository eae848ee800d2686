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
	defer db.Close() // the exit closes the pool too: nothing is skipped
	defer Teardown() // want "defer Teardown\\(\\) in TestMain never runs: os.Exit at line 19 ends the process without running deferred calls"
	os.Exit(m.Run())
}

func TestUsesDB(t *testing.T) { _ = db }
