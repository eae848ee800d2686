package b

import "testing"

func TestFetch(t *testing.T) {
	if Fetch("http://127.0.0.1:0/") == nil {
		t.Fatal("no error")
	}
}
