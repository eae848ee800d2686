package transfers

import (
	"bufio"
	"crypto/tls"
	"net"
	"net/http"
	"os"
	"runtime/trace"
)

// The client closes the request body it sends.
func fileAsRequestBody(c *http.Client, url, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	req, err := http.NewRequest("PUT", url, f)
	if err != nil {
		f.Close()
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func postFile(url, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	resp, err := http.Post(url, "application/octet-stream", f)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Serve owns the listener.
func serveOwnsListener(addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return http.Serve(ln, h)
}

// Closing the TLS connection closes the one it wraps.
func tlsWrapsConn(addr string, cfg *tls.Config) error {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c := tls.Client(raw, cfg)
	defer c.Close()
	return c.Handshake()
}

// A bufio reader borrows the file; the file is closed.
func bufioBorrows(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return bufio.NewReader(f).ReadString('\n')
}

// The twin of leaks.traceOnce: closed after the trace stops.
func traceAndClose(path string, work func()) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	if err := trace.Start(out); err != nil {
		return err
	}
	defer trace.Stop()
	work()
	return nil
}
