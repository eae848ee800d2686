package paths

import (
	"bytes"
	"io"
	"io/ioutil"
	"net"
	"net/http"
	"os"
	"os/exec"
)

// RULES resource table: os.Pipe (both ends), File() of net conns and
// listeners, (*exec.Cmd).Start (report at Start; Wait, or Run/Output
// which wait), ioutil.TempFile, http.FileSystem.Open, connections from a
// user-supplied dialer func value.

// ---- reported ----

func captureOutput(run func(w io.Writer)) string {
	r, w, err := os.Pipe() // want `r from os.Pipe is never closed`
	if err != nil {
		return ""
	}
	run(w)
	w.Close()
	var buf bytes.Buffer
	_, _ = io.Copy(&buf, r)
	return buf.String()
}

func signalPipe() (*os.File, error) {
	r, w, err := os.Pipe() // want `w from os.Pipe is never closed`
	if err != nil {
		return nil, err
	}
	_, _ = w.Write([]byte{1})
	return r, nil
}

func socketMode(c *net.TCPConn) (os.FileMode, error) {
	f, err := c.File() // want `f from c.File is never closed`
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Mode(), nil
}

func listenerFD(l *net.TCPListener) uintptr {
	f, err := l.File() // want `f from l.File is never closed`
	if err != nil {
		return 0
	}
	return f.Fd()
}

func fireAndForget(path string) error {
	cmd := exec.Command(path)
	return cmd.Start() // want `cmd from cmd.Start is never waited for; call cmd.Wait\(\) once the process must be done, or use Run, which waits`
}

func scratchFile() (string, error) {
	f, err := ioutil.TempFile("", "scratch") // want `f from ioutil.TempFile is never closed`
	if err != nil {
		return "", err
	}
	return f.Name(), nil
}

func assetSize(fs http.FileSystem, name string) int64 {
	f, err := fs.Open(name) // want `f from fs.Open is never closed`
	if err != nil {
		return -1
	}
	st, err := f.Stat()
	if err != nil {
		return -1
	}
	return st.Size()
}

func probePeer(dial func(network, addr string) (net.Conn, error), addr string) string {
	c, err := dial("tcp", addr) // want `c from dial is never closed`
	if err != nil {
		return ""
	}
	return c.LocalAddr().String()
}

type fetcher struct {
	get func(url string) (*http.Response, error)
}

func (f fetcher) ok(url string) bool {
	resp, err := f.get(url) // want `resp.Body from f.get is never closed`
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

// ---- silent ----

func captureClosed(run func(w io.Writer)) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	run(w)
	w.Close()
	b, err := io.ReadAll(r)
	return string(b), err
}

func socketModeClosed(c *net.UnixConn) (os.FileMode, error) {
	f, err := c.File()
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Mode(), nil
}

func runAndWait(path string) error {
	cmd := exec.Command(path)
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

func runOnly(path string) error {
	return exec.Command(path).Run()
}

func startedForCaller(path string) (*exec.Cmd, error) {
	cmd := exec.Command(path)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

func scratchClosed() (string, error) {
	f, err := ioutil.TempFile("", "scratch")
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), nil
}

func assetSizeClosed(fs http.FileSystem, name string) int64 {
	f, err := fs.Open(name)
	if err != nil {
		return -1
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return -1
	}
	return st.Size()
}

func probePeerClosed(dial func(network, addr string) (net.Conn, error), addr string) string {
	c, err := dial("tcp", addr)
	if err != nil {
		return ""
	}
	defer c.Close()
	return c.LocalAddr().String()
}

func (f fetcher) okClosed(url string) bool {
	resp, err := f.get(url)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// A func value returning a listener or any other net type is not a
// dialer: only (net.Conn, error) and (*http.Response, error) are shaped.
func addrOf(listen func() (net.Listener, error)) string {
	l, err := listen()
	if err != nil {
		return ""
	}
	return l.Addr().String()
}

// A dialer held in a field: the connection it returns is owned.
type dialRelay struct {
	dial func(network, addr string) (net.Conn, error)
}

func (r *dialRelay) banner(addr string) string {
	c, err := r.dial("tcp", addr) // want `c from r.dial is never closed`
	if err != nil {
		return ""
	}
	return c.RemoteAddr().String()
}

func (r *dialRelay) bannerClosed(addr string) string {
	c, err := r.dial("tcp", addr)
	if err != nil {
		return ""
	}
	defer c.Close()
	return c.RemoteAddr().String()
}
