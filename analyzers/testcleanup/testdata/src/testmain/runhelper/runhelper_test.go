package runhelper

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run's deferred calls run when it returns, before os.Exit.
func run(m *testing.M) int {
	if err := Setup(); err != nil {
		return 1
	}
	defer Teardown()
	return m.Run()
}

func TestNothing(t *testing.T) {}
