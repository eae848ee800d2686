package paths

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io"
	"strings"
)

// Issue 11 §3.24: io.Pipe's writer goroutine blocks in Write until the
// reader reads to the end or is closed. The reader is owed a release
// where the writer runs in a goroutine; closing the writer on the path
// that drops the reader releases it too.

var errShort = errors.New("short header")

// ---- reported ----

func firstLine(lines []string) (string, error) {
	pr, pw := io.Pipe() // want `pr from io.Pipe is not closed on the path that returns at line 28`
	go func() {
		pw.Write([]byte(strings.Join(lines, "\n")))
		pw.Close()
	}()
	head := make([]byte, 8)
	if _, err := io.ReadFull(pr, head); err != nil {
		return "", err
	}
	rest, err := io.ReadAll(pr)
	return string(head) + string(rest), err
}

func gobMagic(v any) byte {
	pr, pw := io.Pipe() // want `pr from io.Pipe is never closed`
	go func() {
		pw.CloseWithError(gob.NewEncoder(pw).Encode(v))
	}()
	b := make([]byte, 1)
	_, _ = pr.Read(b)
	return b[0]
}

// ---- silent ----

func gobBytes(v any) ([]byte, error) {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(gob.NewEncoder(pw).Encode(v))
	}()
	return io.ReadAll(pr)
}

func gobInto(dst *bytes.Buffer, v any) error {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(gob.NewEncoder(pw).Encode(v))
	}()
	_, err := io.Copy(dst, pr)
	return err
}

func firstLineClosed(lines []string) (string, error) {
	pr, pw := io.Pipe()
	defer pr.Close()
	go func() {
		pw.Write([]byte(strings.Join(lines, "\n")))
		pw.Close()
	}()
	head := make([]byte, 8)
	if _, err := io.ReadFull(pr, head); err != nil {
		return "", err
	}
	return string(head), nil
}

func firstLineWriterClosed(lines []string) (string, error) {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(strings.Join(lines, "\n")))
		pw.Close()
	}()
	head := make([]byte, 8)
	if _, err := io.ReadFull(pr, head); err != nil {
		pw.CloseWithError(errShort)
		return "", err
	}
	rest, err := io.ReadAll(pr)
	return string(head) + string(rest), err
}

func gobStream(v any) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(gob.NewEncoder(pw).Encode(v))
	}()
	return pr
}

// No goroutine writes: the pipe is used in lockstep by the caller.
func pipeEnds() (*io.PipeReader, *io.PipeWriter) {
	pr, pw := io.Pipe()
	return pr, pw
}

func pipeHandedOn(use func(r io.Reader, w io.Writer)) {
	pr, pw := io.Pipe()
	use(pr, pw)
}
