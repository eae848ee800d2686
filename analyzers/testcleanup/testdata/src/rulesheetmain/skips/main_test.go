package skips

import (
	"os"
	"testing"
)

func setup() func() { return func() {} }

// ---- rule 4: TestMain skips its defers ----

func TestMain(m *testing.M) {
	teardown := setup()
	defer teardown() // want `defer`
	os.Exit(m.Run())
}
