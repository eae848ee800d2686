// Package realworld holds shapes seen in real code.
package realworld

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/smtp"
	"os"
	"sync"
	"time"

	"log"
	"runtime/pprof"

	"golang.org/x/sync/errgroup"
)

// A retry loop: bad responses are closed in the loop, the good one after.
func retry(c *http.Client, req *http.Request) ([]byte, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Read, close, and put a replayable body back.
func replayable(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
}

func useReplayable(url string) int {
	resp, err := replayable(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// errgroup runs the closure that closes the body.
func fanOut(ctx context.Context, urls []string) error {
	g := new(errgroup.Group)
	for _, u := range urls {
		g.Go(func() error {
			resp, err := http.Get(u)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			return nil
		})
	}
	return g.Wait()
}

func fanOutCapture(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	var g errgroup.Group
	g.Go(func() error {
		defer resp.Body.Close()
		_, err := io.Copy(io.Discard, resp.Body)
		return err
	})
	return g.Wait()
}

// A transaction helper that commits or rolls back in a deferred closure.
func inTx(db *sql.DB, fn func(*sql.Tx) error) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

// Returning a closure that closes the file.
func openWithCloser(p string) (io.Reader, func() error, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	return f, func() error { return f.Close() }, nil
}

// sync.WaitGroup.Go runs the closure.
func waitGroupGo(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		defer c.Close()
		io.Copy(io.Discard, c)
	})
	wg.Wait()
	return nil
}

// Closed when the context ends.
func closeOnDone(ctx context.Context, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	return ln, nil
}

// decodeJSON closes the body on every path through a deferred call.
func decodeJSON(resp *http.Response, v any) error {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func getJSON(c *http.Client, url string, v any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return decodeJSON(resp, v)
}

// The nil check on the body guards the close.
func bodyNilCheck(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	if resp.Body != nil {
		defer resp.Body.Close()
	}
	return nil
}

// Results collected through a channel by the parent.
func collect(urls []string) []*http.Response {
	ch := make(chan *http.Response, len(urls))
	for _, u := range urls {
		go func() {
			resp, err := http.Get(u)
			if err != nil {
				ch <- nil
				return
			}
			ch <- resp
		}()
	}
	var out []*http.Response
	for range urls {
		out = append(out, <-ch)
	}
	return out
}

type client struct {
	hc   *http.Client
	last *http.Response
}

// The response is kept on the receiver.
func (c *client) fetch(url string) error {
	resp, err := c.hc.Get(url)
	if err != nil {
		return err
	}
	c.last = resp
	return nil
}

// Deferred closure with a named error result, the idiom for files written.
func writeFile(p string, data []byte) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	_, err = f.Write(data)
	return err
}

type txKey struct{}

// The transaction travels in the context to whoever commits it.
func txInContext(ctx context.Context, db *sql.DB) (context.Context, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return context.WithValue(ctx, txKey{}, tx), nil
}

// The request carries the file to the client, which closes it.
func uploadRequest(url, p string) (*http.Request, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return http.NewRequest(http.MethodPut, url, f)
}

// A gzip reader is returned together with the body it reads in a
// closer the caller uses.
type gzipBody struct {
	io.Reader
	body io.Closer
}

func (g gzipBody) Close() error { return g.body.Close() }

func wrapBody(resp *http.Response) io.ReadCloser {
	return gzipBody{Reader: bufioReader(resp.Body), body: resp.Body}
}

func bufioReader(r io.Reader) io.Reader { return r }

func fetchWrapped(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return wrapBody(resp), nil
}

// Regression (x/tools cmd/callgraph): the profiler keeps writing to the
// file until the process ends.
func startProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return pprof.StartCPUProfile(f)
}

// A logger owns the file it writes to for the life of the process.
func fileLogger(path string) (*log.Logger, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	return log.New(f, "", log.LstdFlags), nil
}

// A missing file is not an error here; the file is nil on that path.
func optionalFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// errors.Is first, then the nil check.
func canceledIsFine(ctx context.Context, req *http.Request) error {
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if errors.Is(err, context.Canceled) {
		return nil
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Regression (node_exporter): a comma-ok assertion on the error holds
// only for a non-nil error, where the file is nil.
func missingFixture(p string) (string, error) {
	f, err := os.Open(p)
	if pe, ok := err.(*os.PathError); ok && pe.Err == os.ErrNotExist {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), nil
}

var errNotModified = errors.New("not modified")

// A sentinel error compared first: equal means non-nil, so the response
// is nil on that path.
func sentinelChecked(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if err == errNotModified {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The SMTP client owns the connection it wraps; its Quit closes it
// (alertmanager's email notifier).
func smtpQuit(addr, host string, hello bool) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Quit()
	if hello {
		if err := c.Hello("localhost"); err != nil {
			return err
		}
	}
	return c.Noop()
}

// A flag records which attempt succeeded; the second attempt runs only
// when the first failed, so the return after it owes nothing
// (blackbox_exporter's ICMP prober).
func listenEitherWay(addr string, tryFirst bool, logf func(string, ...any)) (ok bool) {
	var conn net.PacketConn
	var err error
	second := true
	if tryFirst {
		conn, err = net.ListenPacket("udp", addr)
		if err != nil {
			logf("first attempt: %v", err)
		} else {
			second = false
		}
	}
	if second {
		conn, err = net.ListenPacket("udp4", addr)
		if err != nil {
			logf("second attempt: %v", err)
			return
		}
	}
	defer conn.Close()
	_, err = conn.WriteTo(nil, nil)
	return err == nil
}

// A flag says whether the file was handed over; it is closed otherwise.
func closeUnlessKept(p string, keep bool, sink chan<- *os.File) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	kept := false
	if keep {
		sink <- f
		kept = true
	}
	if !kept {
		f.Close()
	}
	return nil
}
