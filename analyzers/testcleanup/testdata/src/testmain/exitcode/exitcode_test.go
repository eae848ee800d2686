package exitcode

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	if err := Setup(); err != nil {
		os.Exit(2) // before the defer: nothing is skipped
	}
	dir, err := os.MkdirTemp("", "exitcode")
	if err != nil {
		os.Exit(2)
	}
	defer func() { // want "the deferred function literal in TestMain never runs: os.Exit at line 22"
		os.RemoveAll(dir)
		Teardown()
	}()
	code := m.Run()
	println("done")
	os.Exit(code)
}

func TestNothing(t *testing.T) {}
