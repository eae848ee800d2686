package joins

import (
	"context"
	"net"
	"testing"
	"time"

	"joins/relay"
)

// ---- channel wrappers: a method sends or closes, a method receives ----

// Negative: the goroutine ends by posting to a mailbox (a method that
// sends on its field) and the test blocks on Await, which receives from
// the same field.
func TestMailboxAwaited(t *testing.T) {
	ln := listen(t)
	defer ln.Close()
	box := relay.NewMailbox()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
		}
		box.Post(c)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := box.Await(ctx); err != nil {
		t.Fatal(err)
	}
}

// Positive twin: the test only peeks (a non-blocking receive), which
// does not wait for the goroutine.
func TestMailboxPeeked(t *testing.T) {
	ln := listen(t)
	defer ln.Close()
	box := relay.NewMailbox()
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
		}
		box.Post(c)
	}()
	box.Peek()
}

// Positive twin: the test blocks on another field of the mailbox.
func TestMailboxWrongField(t *testing.T) {
	ln := listen(t)
	defer ln.Close()
	box := relay.NewMailbox()
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		c, err := ln.Accept()
		if err != nil {
			t.Errorf("accept: %v", err)
		}
		box.Post(c)
	}()
	box.Replay()
}

// Negative: the goroutine releases a latch last and the test blocks on
// the channel Closed returns.
func TestLatchWaited(t *testing.T) {
	ln := listen(t)
	done := relay.NewLatch()
	go func() {
		if _, err := ln.Accept(); err == nil {
			t.Error("accepted on a closed listener")
		}
		done.Release()
	}()
	ln.Close()
	<-done.Closed()
}

// Positive twin: the goroutine releases the latch only when Accept
// fails, so a successful Accept leaves the test waiting on nothing that
// follows the goroutine's end... and the test does not block at all.
func TestLatchNotWaited(t *testing.T) {
	ln := listen(t)
	done := relay.NewLatch()
	go func() { // want `goroutine calls t.Error but the test does not wait for it`
		if _, err := ln.Accept(); err == nil {
			t.Error("accepted on a closed listener")
		}
		done.Release()
	}()
	ln.Close()
	select {
	case <-done.Closed():
	default:
	}
}

// A same-package wrapper, summarised from SSA rather than a fact.
type beacon struct{ lit chan struct{} }

func (b *beacon) light() { close(b.lit) }

func (b *beacon) seen() <-chan struct{} { return b.lit }

// Negative: lit last, waited for in a select with a timeout case that
// fails the test.
func TestBeaconSeen(t *testing.T) {
	b := &beacon{lit: make(chan struct{})}
	conns := make(chan net.Conn, 1)
	go func() {
		select {
		case c := <-conns:
			if c == nil {
				t.Error("nil conn")
			}
		case <-time.After(time.Millisecond):
		}
		b.light()
	}()
	conns <- nil
	select {
	case <-b.seen():
	case <-time.After(time.Second):
		t.Fatal("beacon never lit")
	}
}

// Positive twin: lit only on one path of the goroutine.
func TestBeaconSometimes(t *testing.T) {
	b := &beacon{lit: make(chan struct{})}
	conns := make(chan net.Conn, 1)
	go func() { // want `goroutine calls t.Error but the test does not wait for it`
		c := <-conns
		if c == nil {
			t.Error("nil conn")
			return
		}
		b.light()
	}()
	conns <- nil
	<-b.seen()
}
