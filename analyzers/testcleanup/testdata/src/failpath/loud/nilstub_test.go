package loud

import (
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under -testcleanup.failpath a file asserted to be a typed nil is
// reported: it leaks where the assertion failed.
func TestNilFileAsserted(t *testing.T) {
	var none *os.File
	fsys := passFS{inner: fakeFS{open: func(string) (http.File, error) {
		return none, nil
	}}}
	f, err := fsys.Open("a.txt") // want "f from fsys.Open is never closed"
	require.NoError(t, err)
	assert.Equal(t, none, f)
}
