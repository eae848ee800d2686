package ignored

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
	"testing"
)

// _test.go files belong to testcleanup.
func TestPerRequestInTest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Fetch("http://upstream")
		tr := &http.Transport{}
		(&http.Client{Transport: tr}).Get("http://upstream")
	}))
	defer srv.Close()
	for i := 0; i < 3; i++ {
		db, err := sql.Open("postgres", "dsn")
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

func helperHandler(w http.ResponseWriter, r *http.Request) {
	(&http.Client{Transport: &http.Transport{}}).Get("http://x")
}
