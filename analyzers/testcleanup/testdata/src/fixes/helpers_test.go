package fixes

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func serverURL(t *testing.T) string {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want `in helper serverURL runs when the helper returns`
	return srv.URL
}

func timeoutCtx(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel() // want `in helper timeoutCtx runs when the helper returns`
	return ctx
}

func beginTx(t *testing.T) *sql.Tx {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	defer db.Close() // want `in helper beginTx runs when the helper returns`
	tx, err := db.Begin()
	require.NoError(t, err)
	return tx
}

func fixture(t *testing.T) string {
	dir, err := os.MkdirTemp("", "fixture")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir) // want `in helper fixture runs when the helper returns`
	path := filepath.Join(dir, "data")
	require.NoError(t, os.WriteFile(path, nil, 0o600))
	return path
}

func TestParallel(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want `runs when TestParallel returns, before its parallel subtest`
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		t.Log(srv.URL)
	})
}

func TestUse(t *testing.T) {
	tx := beginTx(t)
	defer tx.Rollback()
	t.Log(serverURL(t), timeoutCtx(t), fixture(t))
}
