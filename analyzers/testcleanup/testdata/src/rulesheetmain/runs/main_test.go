package runs

import (
	"os"
	"testing"
)

func setup() func() { return func() {} }

func TestMain(m *testing.M) {
	teardown := setup()
	code := m.Run()
	teardown()
	os.Exit(code)
}
