// Package relay has channel wrappers of the kind test utilities define:
// a Mailbox moves values through a channel field, a Latch closes one.
package relay

import (
	"context"
	"sync"
)

// Mailbox carries values between goroutines.
type Mailbox struct {
	inbox  chan any
	replay chan any
}

// NewMailbox returns a mailbox with a one-slot buffer.
func NewMailbox() *Mailbox { return &Mailbox{inbox: make(chan any, 1), replay: make(chan any, 1)} }

// Post sends v on the inbox.
func (m *Mailbox) Post(v any) { m.inbox <- v }

// Await blocks until a value arrives on the inbox or ctx is done.
func (m *Mailbox) Await(ctx context.Context) (any, error) {
	select {
	case v := <-m.inbox:
		return v, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Peek returns a value from the inbox if one is there, without waiting.
func (m *Mailbox) Peek() (any, bool) {
	select {
	case v := <-m.inbox:
		return v, true
	default:
		return nil, false
	}
}

// Replay blocks for a value on the replay channel.
func (m *Mailbox) Replay() any { return <-m.replay }

// Latch is closed once.
type Latch struct {
	once sync.Once
	ch   chan struct{}
}

// NewLatch returns an open latch.
func NewLatch() *Latch { return &Latch{ch: make(chan struct{})} }

// Release closes the latch; later calls do nothing.
func (l *Latch) Release() { l.once.Do(func() { close(l.ch) }) }

// Closed returns a channel closed by Release.
func (l *Latch) Closed() <-chan struct{} { return l.ch }
