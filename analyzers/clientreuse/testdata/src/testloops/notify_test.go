package testloops

import (
	"database/sql"
	"net/http"
	"testing"
)

func TestSendBurst(t *testing.T) {
	n := &Notifier{URL: "http://hooks.invalid/x"}
	for i := 0; i < 50; i++ {
		if err := n.Send("ping"); err != nil { // want `n.Send builds a new HTTP transport \(&http.Transport\{\} at notify.go:\d+\) on every iteration of the loop and never closes it.*the callee builds one on every call: make it reuse one built once`
			t.Fatal(err)
		}
	}
}

func TestSendTable(t *testing.T) {
	for _, msg := range []string{"a", "b", "c"} {
		t.Run(msg, func(t *testing.T) {
			n := &Notifier{URL: "http://hooks.invalid/x"}
			// One call per subtest: not a loop of this function.
			if err := n.Send(msg); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestPooledBurst(t *testing.T) {
	n := NewPooledNotifier("http://hooks.invalid/x")
	for i := 0; i < 50; i++ {
		if err := n.Send("ping"); err != nil {
			t.Fatal(err)
		}
	}
}

// A notifier per case, each with its own pool: a fixture per case,
// built by a constructor that returns it.
func TestPooledPerCase(t *testing.T) {
	for _, url := range []string{"http://a.invalid", "http://b.invalid"} {
		n := NewPooledNotifier(url)
		if err := n.Send("ping"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRawTransportLoop(t *testing.T) {
	for _, u := range []string{"http://a.invalid", "http://b.invalid"} {
		c := &http.Client{Transport: &http.Transport{}} // want `&http.Transport\{\} builds a new HTTP transport on every iteration of the loop and never closes it`
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// Each case gets a fresh transport and shuts it down: isolation per
// case, not a pool built for nothing.
func TestRawTransportClosedPerCase(t *testing.T) {
	for _, u := range []string{"http://a.invalid", "http://b.invalid"} {
		tr := &http.Transport{}
		c := &http.Client{Transport: tr}
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
		}
		tr.CloseIdleConnections()
	}
}

// A database per case is a resource the test creates: testcleanup's.
func TestDatabasePerCase(t *testing.T) {
	for _, dsn := range []string{"a", "b"} {
		db, err := sql.Open("stub", dsn)
		if err != nil {
			t.Fatal(err)
		}
		_ = db.Ping()
	}
}
