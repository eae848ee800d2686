package evalmain3

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	dir, _ := os.MkdirTemp("", "m")
	defer func() { // want `never runs`
		os.RemoveAll(dir)
	}()
	os.Setenv("DIR", dir)
	os.Exit(m.Run())
}

func TestA(t *testing.T) {}
