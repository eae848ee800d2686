package evalmain2

import (
	"os"
	"testing"
)

func setup() func() { return func() {} }

func TestMain(m *testing.M) {
	teardown := setup()
	defer teardown()
	code := m.Run()
	teardown()
	if code != 0 {
		return
	}
}

func TestA(t *testing.T) { _ = os.Args }
