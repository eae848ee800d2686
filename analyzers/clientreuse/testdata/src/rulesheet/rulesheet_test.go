package rulesheet

import (
	"net/http"
	"testing"
)

// Test loops are repeated contexts too.
type sender struct{ url string }

func (s sender) send() error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(s.url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func TestSendMany(t *testing.T) {
	s := sender{url: "http://127.0.0.1:1"}
	for i := 0; i < 3; i++ {
		s.send() // want `s.send builds a new HTTP transport`
	}
}

// Negative: a test that builds one pool once is testcleanup's, not ours.
func TestSendOnce(t *testing.T) {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	for i := 0; i < 3; i++ {
		resp, err := c.Get("http://127.0.0.1:1")
		if err == nil {
			resp.Body.Close()
		}
	}
}
