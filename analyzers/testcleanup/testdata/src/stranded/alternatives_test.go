package stranded

import (
	"errors"
	"testing"
	"time"
)

// Goroutines that end by one send on either of two channels (a result or
// an error) complete once: a receive on either takes that send (nats.go
// jetstream/test/consumer_test.go:999, :1034).

var errDrained = errors.New("drained")

type feed struct{ left int }

func (f *feed) Pull() (string, error) {
	if f.left == 0 {
		return "", errDrained
	}
	f.left--
	return Fetch(), nil
}

// Negative: the first puller must fail (received on failures), the
// second must succeed (received on items); only t.Fatalf paths leave one
// of them stranded.
func TestPullersOnePerOutcome(t *testing.T) {
	empty, full := &feed{}, &feed{left: 1}
	items := make(chan string)
	failures := make(chan error)
	go func() {
		item, err := empty.Pull()
		if err != nil {
			failures <- err
			return
		}
		items <- item
	}()
	select {
	case <-items:
		t.Fatalf("an item from an empty feed")
	case err := <-failures:
		if !errors.Is(err, errDrained) {
			t.Fatalf("got %v", err)
		}
	case <-time.After(time.Second):
		t.Fatalf("no outcome")
	}
	go func() {
		item, err := full.Pull()
		if err != nil {
			failures <- err
			return
		}
		items <- item
	}()
	select {
	case item := <-items:
		t.Log(item)
	case err := <-failures:
		t.Fatalf("pull: %v", err)
	case <-time.After(time.Second):
		t.Fatalf("no item")
	}
}

// Positive twin: one puller whose outcome is awaited with a timeout
// that passes the test.
func TestPullerTimesOut(t *testing.T) {
	full := &feed{left: 1}
	items := make(chan string)
	failures := make(chan error)
	go func() { // want `goroutine sends on (items|failures), but the test can return at line \d+ \(the time.After\(time.Second\) case\) without receiving from it`
		item, err := full.Pull()
		if err != nil {
			failures <- err
			return
		}
		items <- item
	}()
	select {
	case item := <-items:
		t.Log(item)
	case err := <-failures:
		t.Fatalf("pull: %v", err)
	case <-time.After(time.Second):
		t.Log("slow feed")
	}
}

// Positive twin: a puller that sends twice (an item, then its error) is
// not one completion; the test takes the item only.
func TestPullerSendsTwice(t *testing.T) {
	full := &feed{left: 1}
	items := make(chan string)
	failures := make(chan error)
	go func() { // want `goroutine sends on failures, but the test can return at line \d+ without receiving from it`
		item, err := full.Pull()
		items <- item
		failures <- err
	}()
	if item := <-items; item == "" {
		t.Error("no item")
	}
}

// Negative: the first puller is given time to (wrongly) produce an item,
// then its failure is awaited; the second puller's item ends the test.
func TestPullersQuietThenFailing(t *testing.T) {
	empty, full := &feed{}, &feed{left: 1}
	items := make(chan string)
	failures := make(chan error)
	go func() {
		item, err := empty.Pull()
		if err != nil {
			failures <- err
			return
		}
		items <- item
	}()
	select {
	case <-items:
		t.Fatalf("an item from an empty feed")
	case <-time.After(10 * time.Millisecond):
	}
	select {
	case <-time.After(time.Second):
		t.Fatalf("no failure")
	case err := <-failures:
		if !errors.Is(err, errDrained) {
			t.Fatalf("got %v", err)
		}
	}
	go func() {
		item, err := full.Pull()
		if err != nil {
			failures <- err
			return
		}
		items <- item
	}()
	select {
	case <-items:
	case err := <-failures:
		t.Fatalf("pull: %v", err)
	case <-time.After(time.Second):
		t.Fatalf("no item")
	}
}
