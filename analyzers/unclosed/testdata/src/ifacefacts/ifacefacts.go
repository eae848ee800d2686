// Package ifacefacts hands files to interface methods whose only
// implementations live in another package (sinks): their facts decide
// whether the call may keep the file (issue 11 §3.21).
package ifacefacts

import (
	"io"
	"os"

	"sinks"
)

type collector interface {
	Add(name string, r io.Reader) error
}

type scanner interface {
	Scan(r io.Reader) error
}

type consumer interface {
	Consume(rc io.ReadCloser) error
}

type journal interface {
	Add(r io.Reader) error
}

// Defaults wires the implementations in.
func Defaults() (collector, scanner, consumer, *sinks.Ledger) {
	return &sinks.Archive{}, &sinks.Checksum{}, sinks.Shredder{}, &sinks.Ledger{}
}

// progress counts what is read through it.
type progress struct {
	r io.Reader
	n int
}

func (p *progress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += n
	return n, err
}

// ---- reported ----

// Every visible implementation of scanner only reads.
func checksumFile(s scanner, path string) error {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return err
	}
	return s.Scan(&progress{r: f})
}

// Ledger.Add keeps, but has another signature: it does not implement
// journal.
func journalFile(j journal, path string) error {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return err
	}
	return j.Add(f)
}

// ---- silent ----

// Archive.Add keeps what it is given.
func archiveFile(c collector, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return c.Add(path, &progress{r: f})
}

// Shredder.Consume closes what it is given.
func consumeFile(c consumer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return c.Consume(f)
}

// Read through the interface and closed here.
func checksumFileClosed(s scanner, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return s.Scan(&progress{r: f})
}
