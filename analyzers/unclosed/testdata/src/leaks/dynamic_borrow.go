package leaks

import (
	"io"
	"net/http"
	"os"
)

// Unknown callees borrow (RULES' Borrow): a func value or an interface
// method with no implementation in sight only uses what it is given.

type Checksummer interface {
	Sum(r io.Reader) (string, error)
}

func lentToInterface(c Checksummer, path string) (string, error) {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return "", err
	}
	return c.Sum(f)
}

func lentToCallback(url string, inspect func(*http.Response) error) error {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return err
	}
	return inspect(resp)
}

// A map of decoders: the decoder reads the file, nobody closes it.
var loaders = map[string]func(io.Reader, any) error{}

func lentToMapEntry(path, ext string, v any) error {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return err
	}
	return loaders[ext](f, v)
}

// The same option shape as transfers.openRotatingLog, handed to a
// constructor that never applies its options: the file is dropped.
type logOption interface{ applyTo(l *quietLog) }

type fileOption struct{ w io.WriteCloser }

func (o fileOption) applyTo(l *quietLog) { l.w = o.w }

type quietLog struct{ w io.WriteCloser }

func newQuietLog(opts ...logOption) *quietLog { return &quietLog{} }

func openQuietLog(path string) *quietLog {
	f, err := os.Create(path) // want `f from os.Create is never closed`
	if err != nil {
		return nil
	}
	return newQuietLog(fileOption{w: f})
}
