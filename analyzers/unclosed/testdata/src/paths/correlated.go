package paths

import (
	"errors"
	"net"
	"net/http"
)

// Correlated branch conditions: a later test of a condition the path has
// already decided (the same parameter, the same field of the same value
// compared with the same constant) cannot go the other way.

// ---- silent ----

func bothOK(c *http.Client, a, b string) error {
	r1, err := c.Get(a)
	if err != nil {
		return err
	}
	if r1.StatusCode != http.StatusOK {
		r1.Body.Close()
		return errors.New(r1.Status)
	}
	r2, err := c.Get(b)
	if err != nil || r1.StatusCode != http.StatusOK {
		r1.Body.Close()
		return err
	}
	r1.Body.Close()
	r2.Body.Close()
	return nil
}

func listenEither(packet bool, addr string) (string, error) {
	var pc net.PacketConn
	var ln net.Listener
	var err error
	if packet {
		pc, err = net.ListenPacket("udp", addr)
	} else {
		ln, err = net.Listen("tcp", addr)
	}
	if err != nil {
		return "", err
	}
	if packet {
		defer pc.Close()
		return pc.LocalAddr().String(), nil
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// ---- reported ----

func secondUnchecked(c *http.Client, a, b string) error {
	r1, err := c.Get(a) // want `r1.Body from c.Get is not closed on the path`
	if err != nil {
		return err
	}
	r2, err := c.Get(b) // want `r2.Body from c.Get is not closed on the path`
	if err != nil || r1.StatusCode != http.StatusOK {
		return err // r1 is open here whatever its status was, r2 too when err is nil
	}
	r1.Body.Close()
	r2.Body.Close()
	return nil
}

func listenWrongBranch(packet bool, addr string) (string, error) {
	pc, err := net.ListenPacket("udp", addr) // want `pc from net.ListenPacket is not closed on the path`
	if err != nil {
		return "", err
	}
	if packet {
		defer pc.Close()
		return pc.LocalAddr().String(), nil
	}
	return addr, nil
}
