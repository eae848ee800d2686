package manual

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	if err := Setup(); err != nil {
		panic(err)
	}
	code := m.Run()
	Teardown()
	os.Exit(code)
}

func TestNothing(t *testing.T) {}
