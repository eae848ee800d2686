package leaks

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

// The goroutine copies from the connection but nobody closes it.
func goroutineBorrows(addr string) error {
	c, err := net.Dial("tcp", addr) // want `c from net.Dial is never closed`
	if err != nil {
		return err
	}
	go func() {
		io.Copy(os.Stdout, c)
	}()
	_, err = fmt.Fprintln(c, "PING")
	return err
}

// The closure reads the response but does not close it.
func closureBorrows(url string) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return
	}
	show := func() { fmt.Println(resp.Status) }
	show()
}

// The deferred closure only logs.
func deferredClosureBorrows(path string) error {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return err
	}
	defer func() { fmt.Println("read", f.Name()) }()
	_, err = io.ReadAll(f)
	return err
}

// RULES transferred "appended to a slice/map that escapes": this local
// slice does not escape and nothing closes what it holds.
func appendedToLocalSlice(paths []string) (int, error) {
	var files []*os.File
	for _, p := range paths {
		f, err := os.Open(p) // want `f from os.Open is never closed`
		if err != nil {
			return 0, err
		}
		files = append(files, f)
	}
	return len(files), nil
}

// keepErr runs fn and keeps its error if *errp is nil.
func keepErr(errp *error, fn func() error) {
	if err := fn(); err != nil && *errp == nil {
		*errp = err
	}
}

// RULES "Method values count": a method value of a method that does not
// release (Sync) releases nothing.
func methodValueNotRelease(path string) (err error) {
	f, err := os.Create(path) // want `f from os.Create is never closed`
	if err != nil {
		return err
	}
	defer keepErr(&err, f.Sync)
	_, err = f.WriteString("data")
	return err
}

// A send in one case of a select transfers the file only when that case
// runs: the other case returns with it open.
func sentInSelectLeaks(done <-chan struct{}, path string, out chan *os.File) error {
	f, err := os.Open(path) // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	select {
	case out <- f:
		return nil
	case <-done:
		return nil
	}
}

// With a default case the send may not happen either.
func sentOrDropped(path string, out chan *os.File) error {
	f, err := os.Open(path) // want `f from os.Open is not closed on the path that returns at line \d+`
	if err != nil {
		return err
	}
	select {
	case out <- f:
	default:
	}
	return nil
}

// The case that does not send closes it.
func sentOrClosed(done <-chan struct{}, path string, out chan *os.File) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	select {
	case out <- f:
	case <-done:
		f.Close()
	}
	return nil
}
