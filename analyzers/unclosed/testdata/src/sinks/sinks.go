// Package sinks implements the consumers that package ifacefacts calls
// through interfaces: its methods' facts say which keep what they are
// given.
package sinks

import (
	"hash/crc32"
	"io"
)

// Archive keeps every reader it is given, to read when it is written out.
type Archive struct{ parts []io.Reader }

// Add keeps r.
func (a *Archive) Add(name string, r io.Reader) error {
	a.parts = append(a.parts, r)
	return nil
}

// Checksum only reads what it is given.
type Checksum struct{ sum uint32 }

// Scan reads r and keeps nothing.
func (c *Checksum) Scan(r io.Reader) error {
	b, err := io.ReadAll(r)
	c.sum = crc32.ChecksumIEEE(b)
	return err
}

// Shredder closes what it consumes.
type Shredder struct{}

// Consume reads rc to the end and closes it.
func (Shredder) Consume(rc io.ReadCloser) error {
	defer rc.Close()
	_, err := io.Copy(io.Discard, rc)
	return err
}

// Ledger keeps readers too, through a method of another shape.
type Ledger struct{ rs []io.Reader }

// Add keeps r; it returns no error, so it implements no interface whose
// Add does.
func (l *Ledger) Add(r io.Reader) { l.rs = append(l.rs, r) }
