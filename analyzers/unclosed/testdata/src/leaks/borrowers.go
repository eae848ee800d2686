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
