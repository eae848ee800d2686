package b_test

import (
	"testing"

	"example.com/mod/b"
	"example.com/mod/c"
	_ "example.com/mod/d" // reached only blank: types, no facts
)

func TestC(t *testing.T) {
	if c.Get() == nil {
		t.Fatal("no error")
	}
	_ = b.Fetch
}
