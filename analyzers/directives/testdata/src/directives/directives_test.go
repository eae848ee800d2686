package directives

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func TestServerKeptOnPurpose(t *testing.T) {
	//leakvet:ignore testcleanup the server lives as long as the test binary
	srv := httptest.NewServer(http.NotFoundHandler())
	if srv.URL == "" {
		t.Fatal("no URL")
	}
}

// In a test function the leak is testcleanup's: unclosed reports
// nothing there, so a directive naming unclosed silences nothing.
func TestFileNamedWrongly(t *testing.T) {
	//leakvet:ignore unclosed the fixture file stays open // want `//leakvet:ignore unclosed silences nothing`
	f, err := os.Open("testdata")
	if err != nil {
		t.Fatal(err)
	}
	_ = f.Name()
}
