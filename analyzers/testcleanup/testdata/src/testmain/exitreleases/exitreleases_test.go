package exitreleases

import (
	"database/sql"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

var (
	db      *sql.DB
	baseURL string
	scratch string
	seeded  string
)

// TestMain is the test binary's main and ends the process with os.Exit:
// the pool, the query's rows and the server die with the process, so
// neither their skipped deferred Close calls nor a server never closed
// leak anything. The scratch directory stays on disk when its removal is
// skipped, and so does one that is never removed.
func TestMain(m *testing.M) {
	pool, err := sql.Open("stub", "x")
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	db = pool

	rows, err := pool.Query("select name from seeds")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&seeded); err != nil {
			log.Fatal(err)
		}
	}

	srv := httptest.NewServer(http.NotFoundHandler())
	baseURL = srv.URL

	dir, err := os.MkdirTemp("", "scratch")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir) // want `defer os.RemoveAll\(dir\) in TestMain never runs: os.Exit at line 58`
	scratch = dir

	prepare(m)

	code := m.Run()
	os.Exit(code)
}

// prepare runs only for TestMain: its listener lives as long as the
// process, but the directory it makes stays on disk after it.
func prepare(m *testing.M) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	baseURL = "http://" + l.Addr().String()

	kept, err := os.MkdirTemp("", "kept") // want `kept from os.MkdirTemp is never removed`
	if err != nil {
		log.Fatal(err)
	}
	os.WriteFile(filepath.Join(kept, "seed"), nil, 0o600)
}

func TestLookup(t *testing.T) {
	if Lookup(baseURL) == "" || db == nil || scratch == "" {
		t.Fatal("no fixtures")
	}
}
