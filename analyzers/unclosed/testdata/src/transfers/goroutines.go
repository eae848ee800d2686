package transfers

import (
	"io"
	"net"
	"net/http"
	"os"
)

func consumedInGoroutine(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go func() {
		defer resp.Body.Close()
		io.Copy(os.Stdout, resp.Body)
	}()
	return nil
}

func handle(c net.Conn) {
	defer c.Close()
	io.Copy(c, c)
}

func handedToGoroutine(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	go handle(c)
	return nil
}

// Regression (miniflux): a variable captured by a goroutine is a cell; the
// goroutine hands the listener to Serve, which owns it.
func servedInGoroutine(server *http.Server, addr string) error {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		if err := server.Serve(listener); err != http.ErrServerClosed {
			println(err.Error())
		}
	}()
	return nil
}
