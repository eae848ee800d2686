package errchecks

import (
	"io"
	"net"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `if !assert.NoError(t, err) { return }` and require.NoError are the
// test's error check: the resource is owed only past them.

// ---- silent ----

func TestGuardedByAssert(t *testing.T) {
	f, err := os.Open("testdata/input")
	if !assert.NoError(t, err) {
		return
	}
	defer f.Close()
	_, _ = io.ReadAll(f)
}

func TestInsideAssert(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if assert.NoError(t, err) {
		defer c.Close()
		_, _ = c.Write([]byte("ping"))
	}
}

func TestGuardedByRequire(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	t.Log(l.Addr())
}

// ---- reported ----

func TestGuardedButKept(t *testing.T) {
	f, err := os.Open("testdata/input") // want `f from os.Open is never closed`
	if !assert.NoError(t, err) {
		return
	}
	_, _ = io.ReadAll(f)
}

func TestAssertNoGuard(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1") // want `c from net.Dial is never closed`
	assert.NoError(t, err)
	if c != nil {
		_, _ = c.Write([]byte("ping"))
	}
}
