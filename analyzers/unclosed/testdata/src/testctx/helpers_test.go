package testctx

import (
	"net/http"
	"os"
	"testing"
)

// Inside test functions testcleanup reports; unclosed stays silent.
func TestLeaksAreTestcleanups(t *testing.T) {
	f, err := os.Open("x")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(f.Name())
}

func TestRunBody(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		resp, err := http.Get("http://x")
		if err != nil {
			t.Fatal(err)
		}
		t.Log(resp.Status)
	})
}

func helperWithT(t *testing.T, p string) *os.File {
	f, _ := os.Open(p)
	t.Log(f.Name())
	return nil
}

func BenchmarkOpen(b *testing.B) {
	for range b.N {
		f, _ := os.Open("x")
		_ = f.Name()
	}
}

// A helper without a *testing.T in a _test.go file is ordinary code.
func fixturePath(p string) string {
	f, err := os.Open(p) // want `f from os.Open is never closed`
	if err != nil {
		return ""
	}
	return f.Name()
}
