package realworld

import (
	"io"
	"net"
	"net/http"
	"testing"

	"assertlib"

	"github.com/stretchr/testify/require"
)

// nsq: a reflection-based Nil(t, err) right after the call is the error
// check.
func TestHomeGrownNilIsTheErrorCheck(t *testing.T) {
	conn, err := net.Dial("tcp", "127.0.0.1:4150")
	assertlib.Nil(t, err)
	defer conn.Close()
	assertlib.Equal(t, nil, conn.SetDeadline(timeZero))
}

// nsq: the status is asserted before the body is read and closed; a
// failing assertion leaks the body.
func TestStatusAssertedBeforeClose(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:4151/ping") // only when the test already fails: quiet without -testcleanup.failpath
	assertlib.Nil(t, err)
	assertlib.Equal(t, 200, resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assertlib.Equal(t, []byte("OK"), body)
}

// nsq: a request that must fail; its response is discarded because
// there is none.
func TestExpectedFailureDiscardsResponse(t *testing.T) {
	client := http.Client{}
	_, err := client.Get("https://127.0.0.1:1/")
	assertlib.NotNil(t, err)
	_, err = http.Get("http://127.0.0.1:1/")
	require.Error(t, err)
}

// nsq: a response whose error is ignored and whose body is never closed.
func TestResponseNeverClosed(t *testing.T) {
	resp, _ := http.Get("http://127.0.0.1:4151/pub") // want `resp.Body from http.Get is never closed`
	assertlib.Equal(t, 403, resp.StatusCode)
}

// nsq: one connection per subscriber, all kept open until the test ends.
func TestConnectionPerSubscriber(t *testing.T) {
	for i := 0; i < 3; i++ {
		conn, err := net.Dial("tcp", "127.0.0.1:4150")
		assertlib.Nil(t, err)
		defer conn.Close()
		_, err = conn.Write([]byte("SUB"))
		assertlib.Nil(t, err)
	}
}

var timeZero = zeroTime()

// miniflux: the request must fail; on success the test fails, and the
// discarded response is the least of its problems.
func TestRequestMustFail(t *testing.T) {
	_, err := http.Get("http://10.0.0.1/")
	if err == nil {
		t.Fatal("expected a private-network error")
	}
	resp, err := http.Get("://invalid")
	if err == nil {
		t.Error("expected an error for an invalid URL")
		return
	}
	_ = resp
}

// A success branch that does not fail the test still owes the body.
func TestRequestMaySucceed(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/") // want `resp.Body from http.Get is never closed`
	if err == nil {
		t.Log("got", resp.Status)
		return
	}
}

// gorilla/websocket: a response in a variable a closure captures, closed
// through it when the request succeeded.
func TestCapturedResponse(t *testing.T) {
	for _, u := range []string{"http://a", "http://b"} {
		resp, err := http.Get(u)
		check := func() {
			if err == nil {
				t.Log(resp.Header.Get("X"))
			}
		}
		if err == nil {
			resp.Body.Close()
		}
		check()
	}
}
