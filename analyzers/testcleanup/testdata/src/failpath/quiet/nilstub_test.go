package quiet

import (
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A fake file system that returns a typed nil file, and a test that
// asserts that the wrapper hands that nil file on: where the assertion
// holds there is nothing to close, and where it fails the test has failed.

// Negative: the embedded file the wrapper's Close goes to is asserted to
// be the variable nothing ever stores to.
func TestWrappedNilFile(t *testing.T) {
	var missing *os.File
	fsys := staticFS{inner: fakeFS{open: func(string) (http.File, error) {
		return missing, nil
	}}}
	f, err := fsys.Open("index.html")
	require.NoError(t, err)
	assert.Equal(t, missing, f.(listless).File)
}

// Negative: the file itself, with require and the nil constant.
func TestPassedNilFile(t *testing.T) {
	fsys := passFS{inner: fakeFS{open: func(string) (http.File, error) {
		return nil, nil
	}}}
	f, err := fsys.Open("index.html")
	require.NoError(t, err)
	require.Equal(t, nil, f)
}

// Positive twin: the variable holds a real file on one path, so the
// assertion does not make the wrapped one nil.
func TestWrappedMaybeRealFile(t *testing.T) {
	var backing *os.File
	if os.Getenv("REAL_FILES") != "" {
		backing, _ = os.Open("testdata/index.html") // want `the \*os.File returned by os.Open is never closed|backing from os.Open is never closed`
	}
	fsys := staticFS{inner: fakeFS{open: func(string) (http.File, error) {
		return backing, nil
	}}}
	f, err := fsys.Open("index.html") // want "f from fsys.Open is never closed"
	require.NoError(t, err)
	assert.Equal(t, backing, f.(listless).File)
}
