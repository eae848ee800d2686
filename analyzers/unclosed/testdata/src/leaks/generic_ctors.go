package leaks

import (
	"io"
	"net"
	"os"
	"time"
)

// withRetry returns what open returns: a constructor of whatever open
// constructs.
func withRetry[T io.Closer](attempts int, open func() (T, error)) (T, error) {
	var zero T
	var err error
	for i := 0; i < attempts; i++ {
		v, e := open()
		if e == nil {
			return v, nil
		}
		err = e
		time.Sleep(time.Duration(i) * time.Millisecond)
	}
	return zero, err
}

func firstLine(path string) (string, error) {
	f, err := withRetry(3, func() (*os.File, error) { return os.Open(path) }) // want `f from withRetry is never closed`
	if err != nil {
		return "", err
	}
	buf := make([]byte, 80)
	n, err := f.Read(buf)
	return string(buf[:n]), err
}

func dialLater(addr string) error {
	dial := func() (net.Conn, error) { return net.Dial("tcp", addr) }
	c, err := withRetry(5, dial) // want `c from withRetry is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("PING"))
	return err
}
