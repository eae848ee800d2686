package joinfacts // want package:"Analyzed"

// The ServeStop and ChanMethod facts: what methods do with a server or a
// channel kept in a field of their receiver.

import (
	"context"
	"net"
	"sync"

	"google.golang.org/grpc"
)

type fakeLB struct {
	lis net.Listener
	srv *grpc.Server
}

func (b *fakeLB) Run() error { // want Run:"TakesOwnership" Run:"Serves\\(.1\\)"
	srv := grpc.NewServer()
	b.srv = srv
	return srv.Serve(b.lis)
}

func (b *fakeLB) Halt() { b.srv.GracefulStop() } // want Halt:"ClosesParam" Halt:"StopsServe\\(.1\\)"

// Detach closes the listener: no ServeStop fact.
func (b *fakeLB) Detach() { b.lis.Close() } // want Detach:"ClosesParam"

type rpcServer interface {
	Serve(net.Listener) error
	Stop()
}

type gateway struct {
	name  string
	inner rpcServer
}

func (g *gateway) Serve(l net.Listener) error { return g.inner.Serve(l) } // want Serve:"TakesOwnership" Serve:"Serves\\(.1\\)"

func (g *gateway) Stop() { g.inner.Stop() } // want Stop:"ClosesParam" Stop:"StopsServe\\(.1\\)"

// Rename touches no server: no fact.
func (g *gateway) Rename(n string) { g.name = n }

type mailbox struct {
	inbox  chan any // want inbox:"ChanNeverClosed"
	replay chan any // want replay:"ChanNeverClosed"
}

func (m *mailbox) post(v any) { m.inbox <- v } // want post:"TakesOwnership" post:"SendsField\\(.0\\)"

func (m *mailbox) await(ctx context.Context) any { // want await:"RecvsField\\(.0\\)"
	select {
	case v := <-m.inbox:
		return v
	case <-ctx.Done():
		return nil
	}
}

// peek does not block: no fact.
func (m *mailbox) peek() any {
	select {
	case v := <-m.inbox:
		return v
	default:
		return nil
	}
}

// maybePost sends on one path only: no ChanMethod fact.
func (m *mailbox) maybePost(v any) { // want maybePost:"TakesOwnership"
	if v != nil {
		m.replay <- v
	}
}

type latch struct {
	once sync.Once
	ch   chan struct{}
}

func (l *latch) release() { l.once.Do(func() { close(l.ch) }) } // want release:"ClosesField\\(.1\\)"

func (l *latch) closed() <-chan struct{} { return l.ch } // want closed:"ReturnsField\\(.1\\)"
