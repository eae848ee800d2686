package helperdefer

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var handler = http.NotFoundHandler()

// ---- reported ----

func serverURL(t *testing.T) string {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want "defer srv.Close\\(\\) in helper serverURL runs when the helper returns, but srv.URL is returned: the caller gets something already closed; use t.Cleanup\\(srv.Close\\) instead"
	return srv.URL
}

func serverClient(t *testing.T) *http.Client {
	srv := httptest.NewTLSServer(handler)
	defer srv.Close() // want "but srv.Client\\(\\) is returned"
	return srv.Client()
}

func server(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want "in helper server runs when the helper returns, but srv is returned"
	return srv
}

func beginTx(t *testing.T) *sql.Tx {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	defer db.Close() // want "but tx is returned: the caller gets something already closed"
	tx, err := db.Begin()
	require.NoError(t, err)
	return tx
}

func store(t *testing.T) *Store {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	defer db.Close() // want "but NewStore\\(db\\) is returned"
	return NewStore(db)
}

func storeLiteral(t *testing.T) *Store {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	defer db.Close() // want "but s is returned"
	s := &Store{db: db}
	return s
}

func timeoutContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel() // want "defer cancel\\(\\) in helper timeoutContext runs when the helper returns, but ctx is returned: the caller gets something already cancelled; use t.Cleanup\\(cancel\\) instead"
	return ctx
}

type ctxKey struct{}

func valueContext(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // want "but context.WithValue\\(ctx, ctxKey{}, 1\\) is returned"
	return context.WithValue(ctx, ctxKey{}, 1)
}

func fixturePath(t *testing.T) string {
	dir, err := os.MkdirTemp("", "fixture")
	require.NoError(t, err)
	defer os.RemoveAll(dir) // want "but path is returned: the caller gets something already removed; use t.TempDir\\(\\), which is removed when the test and its subtests end"
	path := filepath.Join(dir, "data.json")
	require.NoError(t, os.WriteFile(path, []byte("{}"), 0o600))
	return path
}

func listenerAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close() // only the address, copied out, is returned (the free-port idiom)
	return l.Addr().String()
}

type paths struct {
	dir, file string
}

// A struct value of paths under the removed directory.
func fixturePaths(t *testing.T) paths {
	dir, err := os.MkdirTemp("", "fixture")
	require.NoError(t, err)
	defer os.RemoveAll(dir) // want "but paths{…} is returned: the caller gets something already removed"
	return paths{dir: dir, file: filepath.Join(dir, "a")}
}

type env struct {
	URL string
}

func fillEnv(t *testing.T, e *env) {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want "but the resource is stored where it outlives the helper|but a value that depends on it is stored where it outlives the helper"
	e.URL = srv.URL
}

func TestUsesHelpers(t *testing.T) {
	mk := func() string {
		srv := httptest.NewServer(handler)
		defer srv.Close() // want "in the helper function literal runs when the helper returns, but srv.URL is returned"
		return srv.URL
	}
	tx := beginTx(t)
	defer tx.Rollback()
	t.Log(mk(), serverURL(t), serverClient(t), server(t), store(t), storeLiteral(t),
		timeoutContext(t), valueContext(t), fixturePath(t), listenerAddr(t))
	fillEnv(t, &env{})
	t.Log(fixturePaths(t))
}

// ---- silent ----

func serverURLCleanup(t *testing.T) string {
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv.URL
}

func fetchBody(t *testing.T, url string) []byte {
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return body
}

func fetchString(t *testing.T, url string) string {
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func decodeConfig(t *testing.T, path string) map[string]any {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var cfg map[string]any
	require.NoError(t, json.NewDecoder(f).Decode(&cfg))
	return cfg
}

func statusOf(t *testing.T) int {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode
}

func loadUser(t *testing.T) *User {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	defer db.Close()
	u, err := LoadUser(db, 1)
	require.NoError(t, err)
	return u
}

func countRows(t *testing.T, db *sql.DB) int {
	rows, err := db.Query("SELECT 1")
	require.NoError(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

func fetchWithTimeout(t *testing.T, url string) *User {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var u User
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&u))
	return &u
}

func fileName(t *testing.T) string {
	f, err := os.Create(filepath.Join(t.TempDir(), "x"))
	require.NoError(t, err)
	defer f.Close()
	return f.Name()
}

// openOrFail closes the database only on its error path.
func openOrFail(t *testing.T) (db *sql.DB, err error) {
	db, err = sql.Open("stub", "x")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	err = db.Ping()
	return db, err
}

func withServer(t *testing.T, fn func(url string)) {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	fn(srv.URL)
}

func TestSelfContained(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	t.Run("sub", func(t *testing.T) {
		s := httptest.NewServer(handler)
		defer s.Close()
		t.Log(s.URL)
	})
	t.Log(serverURLCleanup(t), fetchBody(t, srv.URL), fetchString(t, srv.URL), decodeConfig(t, "x"),
		statusOf(t), loadUser(t), fetchWithTimeout(t, srv.URL), fileName(t))
	db, _ := openOrFail(t)
	t.Log(countRows(t, db))
	withServer(t, func(url string) { t.Log(url) })
}

// cli: the cleanup removes the file by name; the name outlives the close.
func TestTempFileName(t *testing.T) {
	genFile := func(s string) string {
		f, err := os.CreateTemp("", "env.*")
		if err != nil {
			t.Fatal(err)
			return ""
		}
		defer f.Close()
		t.Cleanup(func() {
			_ = os.Remove(f.Name())
		})
		_, err = f.WriteString(s)
		if err != nil {
			t.Fatal(err)
		}
		return f.Name()
	}
	t.Log(genFile("x"))
}

// RULES testcleanup 2 "a helper (not the test itself, not a t.Run body)":
// a t.Run body is not a helper, even when what it defers is used later.
func TestRunBodyIsNotAHelper(t *testing.T) {
	var url string
	t.Run("setup", func(t *testing.T) {
		srv := httptest.NewServer(handler)
		defer srv.Close()
		url = srv.URL
	})
	t.Log(url)
}
