package leaks

import (
	"errors"
	"io"
	"net/http"
	"os"
)

// Callees that keep or close what they are given only when they
// succeed: the caller still owes it where they fail (RULES' Borrow).

// feed keeps the response only when its status is OK.
type feed struct{ body io.ReadCloser }

func openFeed(resp *http.Response) (*feed, error) {
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return &feed{body: resp.Body}, nil
}

func fetchFeed(c *http.Client, url string) (*feed, error) {
	resp, err := c.Get(url) // want "resp.Body from c.Get is not closed on the path that returns at line 28; openFeed closes or keeps it only when it succeeds: call resp.Body.Close\\(\\) when it fails"
	if err != nil {
		return nil, err
	}
	return openFeed(resp)
}

// archive keeps the file only when its header is valid.
type archive struct{ f *os.File }

func newArchive(f *os.File) (*archive, error) {
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil {
		return nil, err
	}
	return &archive{f: f}, nil
}

func openArchive(path string) (*archive, error) {
	f, err := os.Open(path) // want "f from os.Open is not closed on the path that returns at line 49; newArchive closes or keeps it only when it succeeds"
	if err != nil {
		return nil, err
	}
	a, err := newArchive(f)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// syncAndClose closes the file only after a successful Sync.
func syncAndClose(f *os.File) error {
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

func writeReport(path string, data []byte) error {
	f, err := os.Create(path) // want "f from os.Create is not closed on the path that returns at line 71; syncAndClose closes or keeps it only when it succeeds"
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return syncAndClose(f)
}
