package transfers

import (
	"errors"
	"io"
	"net/http"
	"os"
)

// The twins of leaks/partial_takers.go: the caller closes on the
// callee's failure, or the callee closes on its own failure paths.

type stream struct{ body io.ReadCloser }

func openStream(resp *http.Response) (*stream, error) {
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return &stream{body: resp.Body}, nil
}

func fetchStream(c *http.Client, url string) (*stream, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	s, err := openStream(resp)
	if err != nil {
		resp.Body.Close()
		return nil, err
	}
	return s, nil
}

type journal struct{ f *os.File }

// newJournal closes the file itself when the header is bad.
func newJournal(f *os.File) (*journal, error) {
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil {
		f.Close()
		return nil, err
	}
	return &journal{f: f}, nil
}

func openJournal(path string) (*journal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return newJournal(f)
}

// closeAfterSync closes the file on every path.
func closeAfterSync(f *os.File) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeJournal(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return closeAfterSync(f)
}
