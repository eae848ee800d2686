package setupfatal

import (
	"log"
	"net"
	"testing"
)

var addr string

// The process exits only on a setup failure, before any test ran; the
// normal path returns and runs the deferred calls.
func TestMain(m *testing.M) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	if err := Setup(); err != nil {
		log.Fatalf("setup: %v", err)
	}
	addr = l.Addr().String()
	m.Run()
}

func TestNothing(t *testing.T) { _ = addr }
