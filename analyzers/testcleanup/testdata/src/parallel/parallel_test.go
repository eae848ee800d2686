package parallel

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var handler = http.NotFoundHandler()

// ---- reported ----

func TestParallelUsesServer(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want "defer srv.Close\\(\\) runs when TestParallelUsesServer returns, before its parallel subtest \\(line 23\\) resumes and uses what it releases; use t.Cleanup\\(srv.Close\\) instead: t.Cleanup runs after the subtests"
	for _, path := range []string{"/a", "/b"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			resp, err := http.Get(srv.URL + path)
			require.NoError(t, err)
			resp.Body.Close()
		})
	}
}

func TestParallelUsesURL(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close() // want "before its parallel subtest"
	url := srv.URL
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		t.Log(url)
	})
}

func TestParallelTableDB(t *testing.T) {
	db, err := sql.Open("stub", "x")
	require.NoError(t, err)
	defer db.Close() // want "before its parallel subtest"
	cases := []struct {
		name string
		db   *sql.DB
	}{{"a", db}, {"b", db}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, tc.db.Ping())
		})
	}
}

func TestParallelContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // want "defer cancel\\(\\) runs when TestParallelContext returns, before its parallel subtest"
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		<-ctx.Done()
	})
}

func TestParallelTempDir(t *testing.T) {
	dir, err := os.MkdirTemp("", "p")
	require.NoError(t, err)
	defer os.RemoveAll(dir) // want "before its parallel subtest"
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "a"), nil, 0o600))
	})
}

func TestParallelDeferredClosure(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer func() { // want "the deferred function literal runs when TestParallelDeferredClosure returns"
		srv.Close()
	}()
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		t.Log(srv.URL)
	})
}

func TestNestedGroupParallel(t *testing.T) {
	t.Run("group", func(t *testing.T) {
		srv := httptest.NewServer(handler)
		defer srv.Close() // want "runs when the function literal returns, before its parallel subtest"
		t.Run("a", func(t *testing.T) {
			t.Parallel()
			t.Log(srv.URL)
		})
	})
}

// ---- silent ----

func TestSequentialSubtests(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	t.Run("a", func(t *testing.T) {
		t.Log(srv.URL)
	})
}

func TestParallelWithCleanup(t *testing.T) {
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		t.Log(srv.URL)
	})
}

func TestParallelInsideGroup(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	t.Run("group", func(t *testing.T) {
		for _, name := range []string{"a", "b"} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				t.Log(srv.URL)
			})
		}
	})
}

func TestParallelDoesNotUseIt(t *testing.T) {
	f, err := os.Open("x")
	require.NoError(t, err)
	defer f.Close()
	t.Log(f.Name())
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		t.Log("independent")
	})
}

func TestParallelOwnResource(t *testing.T) {
	t.Run("a", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(handler)
		defer srv.Close()
		t.Log(srv.URL)
	})
}

func TestParallelSubtestsNoDefer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(handler)
	t.Cleanup(func() { srv.Close() })
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Log(srv.URL)
		})
	}
}
