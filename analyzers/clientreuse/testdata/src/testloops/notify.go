// Package testloops is a notification client whose tests call it in
// loops: a loop in a test repeats whatever its body builds.
package testloops

import (
	"bytes"
	"net/http"
	"time"
)

// Notifier posts notifications to a webhook.
type Notifier struct {
	URL     string
	Timeout time.Duration
}

// Send builds a new transport for every notification and drops it: each
// call opens connections that nothing reuses.
func (n *Notifier) Send(msg string) error {
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConns: 4},
		Timeout:   n.Timeout,
	}
	resp, err := client.Post(n.URL, "text/plain", bytes.NewBufferString(msg))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// PooledNotifier builds its client once.
type PooledNotifier struct {
	url    string
	client *http.Client
}

// NewPooledNotifier returns a notifier with its own connection pool.
func NewPooledNotifier(url string) *PooledNotifier {
	return &PooledNotifier{url: url, client: &http.Client{Transport: &http.Transport{}}}
}

// Send reuses the notifier's client.
func (n *PooledNotifier) Send(msg string) error {
	resp, err := n.client.Post(n.url, "text/plain", bytes.NewBufferString(msg))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flush builds a transport for one notification and shuts it down again:
// no leak, but every call pays for a new connection and handshake.
func (n *Notifier) Flush(msg string) error {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Post(n.URL, "text/plain", bytes.NewBufferString(msg))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
