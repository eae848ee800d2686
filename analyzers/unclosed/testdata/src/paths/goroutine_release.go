package paths

import (
	"errors"
	"net"
	"os"
)

// Issue 11 §3.19: a closure counts as releasing what it captured only on
// the paths where it does. A go closure that gives up early without
// closing what it was handed leaks it there; a releasing closure defined
// after early returns does not cover them.

var errStale = errors.New("stale")

func validate(name string) error {
	if name == "" {
		return errStale
	}
	return nil
}

// ---- reported ----

func tailLog(name string, lines chan<- string) error {
	f, err := os.Open(name) // want `f from os.Open is closed by the goroutine it is handed to on some paths only: the goroutine returns at line 32 without it being closed`
	if err != nil {
		return err
	}
	go func() {
		if err := validate(name); err != nil {
			return
		}
		buf := make([]byte, 64)
		n, _ := f.Read(buf)
		lines <- string(buf[:n])
		f.Close()
	}()
	return nil
}

func greetPeer(addr string, hello []byte) error {
	c, err := net.Dial("tcp", addr) // want `c from net.Dial is closed by the goroutine it is handed to on some paths only`
	if err != nil {
		return err
	}
	go func() {
		if _, err := c.Write(hello); err != nil {
			return
		}
		c.Close()
	}()
	return nil
}

func stampFile(name string, stamp []byte) error {
	f, err := os.Create(name) // want `f from os.Create is not closed on the path that returns at line 62`
	if err != nil {
		return err
	}
	if len(stamp) == 0 {
		return errStale
	}
	closeIt := func() { f.Close() }
	defer closeIt()
	_, err = f.Write(stamp)
	return err
}

// ---- silent ----

func tailLogDeferred(name string, lines chan<- string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	go func() {
		defer f.Close()
		if err := validate(name); err != nil {
			return
		}
		buf := make([]byte, 64)
		n, _ := f.Read(buf)
		lines <- string(buf[:n])
	}()
	return nil
}

func greetPeerBothPaths(addr string, hello []byte) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		if _, err := c.Write(hello); err != nil {
			c.Close()
			return
		}
		c.Close()
	}()
	return nil
}

func greetPeerNilGuard(conns map[string]net.Conn, addr string) {
	c := conns[addr]
	go func() {
		if c == nil {
			return
		}
		c.Close()
	}()
}

func stampFileEarlyClosure(name string, stamp []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	closeIt := func() { f.Close() }
	defer closeIt()
	if len(stamp) == 0 {
		return errStale
	}
	_, err = f.Write(stamp)
	return err
}
