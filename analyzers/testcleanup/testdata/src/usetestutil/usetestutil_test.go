package usetestutil

import (
	"net/http"
	"os"
	"testing"

	"testutil"
)

var handler = http.NotFoundHandler()

func TestOwnedServerLeaks(t *testing.T) {
	srv := testutil.StartServer(handler) // want `srv from testutil.StartServer is never closed`
	t.Log(srv.URL)
}

func TestOwnedServerClosed(t *testing.T) {
	srv := testutil.StartServer(handler)
	defer srv.Close()
	t.Log(srv.URL)
}

func TestServerWithCleanup(t *testing.T) {
	srv := testutil.NewServer(t, handler)
	t.Log(srv.URL)
}

func TestDBLeaksAtCheck(t *testing.T) {
	db, err := testutil.OpenDB("x") // only when the test already fails: quiet without -testcleanup.failpath
	testutil.Check(t, err)
	testutil.Expect(t, db.Ping() == nil) // the test may end here
	defer db.Close()
}

func TestDBClosedAfterOwnCheck(t *testing.T) {
	db, err := testutil.OpenDB("x")
	testutil.Check(t, err)
	defer db.Close()
	testutil.Expect(t, db.Ping() == nil)
}

func TestRemovedByHelper(t *testing.T) {
	dir, err := os.MkdirTemp("", "x")
	testutil.Check(t, err)
	testutil.RemoveOnCleanup(t, dir)
	t.Log(dir)
}

func TestClosedByHelper(t *testing.T) {
	f, err := os.Open("x")
	testutil.Check(t, err)
	testutil.CloseOnCleanup(t, f)
	testutil.Expect(t, f.Name() != "")
}
