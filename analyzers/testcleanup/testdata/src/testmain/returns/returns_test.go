package returns

import (
	"log"
	"testing"
)

// A TestMain that returns: the testing package exits with m.Run's code
// after the deferred calls have run.
func TestMain(m *testing.M) {
	if err := Setup(); err != nil {
		log.Fatal(err)
	}
	defer Teardown()
	m.Run()
}

func TestNothing(t *testing.T) {}
