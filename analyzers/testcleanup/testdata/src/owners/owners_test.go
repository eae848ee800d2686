package owners

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc"
)

func TestClientNeverClosed(t *testing.T) {
	cc, err := grpc.NewClient("passthrough:///localhost:0") // want `cc from grpc.NewClient is never closed`
	if err != nil {
		t.Fatal(err)
	}
	if err := cc.Invoke(context.Background(), "/svc/M", nil, nil); err != nil {
		t.Error(err)
	}
}

func TestClientClosedInCleanup(t *testing.T) {
	cc, err := grpc.NewClient("passthrough:///localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	if err := cc.Invoke(context.Background(), "/svc/M", nil, nil); err != nil {
		t.Error(err)
	}
}

func TestHeartbeatNeverClosed(t *testing.T) {
	h := NewHeartbeat(time.Millisecond) // want `h from NewHeartbeat is never closed`
	<-h.beats
}

func TestHeartbeatClosed(t *testing.T) {
	h := NewHeartbeat(time.Millisecond)
	defer h.Close()
	<-h.beats
}
