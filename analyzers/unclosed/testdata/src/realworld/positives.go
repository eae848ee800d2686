package realworld

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/smtp"
	"os"
)

// A wrapper with no Close: the file can never be closed by the caller.
func lineReader(p string) (*bufio.Reader, error) {
	f, err := os.Open(p) // want `f from os.Open is never closed`
	if err != nil {
		return nil, err
	}
	return bufio.NewReader(f), nil
}

// The decode error returns before the close.
func decodeThenClose(url string, v any) error {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 31`
	if err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return err
	}
	return resp.Body.Close()
}

// The deferred close names the wrong response.
func wrongDefer(a, b string) error {
	r1, err := http.Get(a)
	if err != nil {
		return err
	}
	defer r1.Body.Close()
	r2, err := http.Get(b) // want `r2.Body from http.Get is never closed`
	if err != nil {
		return err
	}
	defer r1.Body.Close()
	if r2.StatusCode != 200 {
		return errors.New(r2.Status)
	}
	return nil
}

// Reassigned before the first one is closed.
func reassigned(a, b string) error {
	resp, err := http.Get(a) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return err
	}
	println(resp.Status)
	resp, err = http.Get(b)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A leak inside a goroutine.
func leakInGoroutine(url string) {
	go func() {
		resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
		if err != nil {
			return
		}
		println(resp.StatusCode)
	}()
}

// The local struct holds the file, and nobody closes either.
type job struct {
	out  *os.File
	name string
}

func localStruct(p string) error {
	f, err := os.Create(p) // want `f from os.Create is never closed`
	if err != nil {
		return err
	}
	j := &job{out: f, name: p}
	_, err = j.out.WriteString(j.name)
	return err
}

// Removed but not closed.
func removedNotClosed() error {
	f, err := os.CreateTemp("", "x") // want `f from os.CreateTemp is never closed`
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString("x")
	return err
}

// Closing the gzip reader does not close the body it reads.
func gzipOnly(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// The SMTP client wraps the connection, but nothing quits or closes it.
func smtpNoQuit(addr, host string) error {
	conn, err := net.Dial("tcp", addr) // want `conn from net.Dial is not closed on the path that returns at line 131`
	if err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	return c.Noop()
}

// The flag is set on the path that closes; the other path returns with
// the file open.
func closeWhenAsked(p string, ask bool) error {
	f, err := os.Open(p) // want `f from os.Open is not closed on the path that returns at line 147`
	if err != nil {
		return err
	}
	closed := false
	if ask {
		f.Close()
		closed = true
	}
	if !closed {
		return errors.New("left open")
	}
	return nil
}
