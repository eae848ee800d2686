package errchecks

import (
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// A resource created and released within one loop iteration owes
// nothing to the next iteration's fatal calls.

// ---- silent ----

func TestReadEachFixture(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		f, err := os.Open("testdata/" + name)
		require.NoError(t, err)
		data, err := io.ReadAll(f)
		f.Close()
		require.NoError(t, err)
		require.True(t, len(data) > 0)
	}
}

func TestPollEachEndpoint(t *testing.T) {
	for _, path := range []string{"/a", "/b"} {
		resp, err := http.Get("http://127.0.0.1:1" + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, resp.Status)
		}
	}
}

// ---- reported ----

func TestSkipLeavesOpen(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		f, err := os.Open("testdata/" + name) // want `f from os.Open is created in every loop iteration and not closed in it`
		require.NoError(t, err)
		st, err := f.Stat()
		if err != nil || st.Size() == 0 {
			continue // f stays open
		}
		f.Close()
	}
}
