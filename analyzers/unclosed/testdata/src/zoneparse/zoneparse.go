// Package zoneparse is a dependency whose parser keeps the reader it is
// given and has no Close: the caller still owns the file. Its Next
// follows $INCLUDE directives recursively and closes the files it opened
// for them, which is no release of the caller's reader.
package zoneparse

import (
	"bufio"
	"io"
	"os"
)

type scanner struct {
	src  io.ByteReader
	line int
}

func newScanner(r io.Reader) *scanner {
	src, ok := r.(io.ByteReader)
	if !ok {
		src = bufio.NewReader(r)
	}
	return &scanner{src: src, line: 1}
}

// Parser reads records from a zone.
type Parser struct {
	s      *scanner
	origin string
	sub    *Parser
	opened io.Reader
	files  func(string) (io.Reader, error)
}

// WithFiles sets how $INCLUDE files are opened; the parser keeps open.
func (p *Parser) WithFiles(open func(string) (io.Reader, error)) { p.files = open }

// NewParser reads the zone in r.
func NewParser(r io.Reader, origin string) *Parser {
	return &Parser{s: newScanner(r), origin: origin}
}

// Next returns the next record.
func (p *Parser) Next() (string, bool) {
	if p.sub != nil {
		return p.fromSub()
	}
	b, err := p.s.src.ReadByte()
	if err != nil {
		return "", false
	}
	if b == '$' {
		f, err := os.Open(p.origin + ".inc")
		if err != nil {
			return "", false
		}
		p.sub = NewParser(f, p.origin)
		p.sub.opened = f
		// The sub-parser keeps a part of this one: nothing leaves it.
		p.sub.WithFiles(p.files)
		return p.fromSub()
	}
	return string(b), true
}

func (p *Parser) fromSub() (string, bool) {
	if rec, ok := p.sub.Next(); ok {
		return rec, true
	}
	if c, ok := p.sub.opened.(io.Closer); ok {
		c.Close()
	}
	p.sub = nil
	return p.Next()
}
