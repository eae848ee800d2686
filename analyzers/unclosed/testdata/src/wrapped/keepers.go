package wrapped

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"strings"
)

// A wrapper constructor of this package takes a call's results as they
// come and keeps the body: the report names the wrapper and its Close,
// which is what the caller has to call, not the body it cannot reach.

type lineReader struct {
	body io.ReadCloser
	sc   *bufio.Scanner
}

func newLineReader(resp *http.Response, err error) (*lineReader, error) {
	if err != nil {
		return nil, err
	}
	return &lineReader{body: resp.Body, sc: bufio.NewScanner(resp.Body)}, nil
}

func (l *lineReader) next() (string, bool) {
	if !l.sc.Scan() {
		return "", false
	}
	return l.sc.Text(), true
}

func (l *lineReader) Close() error { return l.body.Close() }

// Positive: the reader is dropped, and with it the body it keeps.
func firstLine(c *http.Client, url string) (string, error) {
	lr, err := newLineReader(c.Get(url)) // want `lr from newLineReader is not closed on the path that returns at line 43 \(it keeps the response body from c.Get\); add defer lr.Close\(\) after the error check`
	if err != nil {
		return "", err
	}
	line, _ := lr.next()
	return line, nil
}

// Positive: closed on the success path only.
func headerLine(c *http.Client, url string) (string, error) {
	lr, err := newLineReader(c.Get(url)) // want `lr from newLineReader is not closed on the path that returns at line \d+ \(it keeps the response body from c.Get\); add defer lr.Close\(\) after the error check`
	if err != nil {
		return "", err
	}
	line, ok := lr.next()
	if !ok {
		return "", errors.New("empty")
	}
	lr.Close()
	return line, nil
}

// Negative: the reader is closed on every path.
func firstLineClosed(c *http.Client, url string) (string, error) {
	lr, err := newLineReader(c.Get(url))
	if err != nil {
		return "", err
	}
	defer lr.Close()
	line, _ := lr.next()
	return line, nil
}

// Negative: the reader is handed to the caller.
func openLines(c *http.Client, url string) (*lineReader, error) {
	return newLineReader(c.Get(url))
}

// A keeper with no Close of its own: nothing can release the body
// through it, so the report stays on the body.
type tally struct {
	body  io.ReadCloser
	words int
}

func countWords(resp *http.Response, err error) (*tally, error) {
	if err != nil {
		return nil, err
	}
	b, _ := io.ReadAll(resp.Body)
	return &tally{body: resp.Body, words: len(strings.Fields(string(b)))}, nil
}

func words(c *http.Client, url string) (int, error) {
	tl, err := countWords(c.Get(url)) // want `the response body from c.Get is not closed on the path that returns at line 96`
	if err != nil {
		return 0, err
	}
	return tl.words, nil
}
