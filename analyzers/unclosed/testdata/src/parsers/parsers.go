// Package parsers hands files to a dependency's parser that keeps them
// and has no Close (issue 11 §3.8): the file leaks with the parser when
// the function drops it, and is closed by its owner otherwise.
package parsers

import (
	"io"
	"os"

	"zoneparse"
)

func countRecords(r io.Reader) int {
	p := zoneparse.NewParser(r, "example.org.")
	n := 0
	for _, ok := p.Next(); ok; _, ok = p.Next() {
		n++
	}
	return n
}

// The file goes to a helper whose parser dies with it.
func zoneSize(path string) (int, error) {
	f, err := os.Open(path) // want `f from os.Open is never closed; countRecords receives it but neither releases nor keeps it`
	if err != nil {
		return 0, err
	}
	return countRecords(f), nil
}

func zoneSizeClosed(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return countRecords(f), nil
}

// The parser is built here and dropped at the end of the function.
func firstRecord(path string) (string, error) {
	f, err := os.Open(path) // want `f from os.Open is never closed`
	if err != nil {
		return "", err
	}
	p := zoneparse.NewParser(f, ".")
	rec, _ := p.Next()
	return rec, nil
}

func firstRecordClosed(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	p := zoneparse.NewParser(f, ".")
	rec, _ := p.Next()
	return rec, nil
}

// Handing the parser on hands the file on with it.
type loader struct{ current *zoneparse.Parser }

func (l *loader) open(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	l.current = zoneparse.NewParser(f, ".")
	return nil
}
