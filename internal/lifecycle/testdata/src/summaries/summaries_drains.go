package summaries

import (
	"bufio"
	"errors"
	"io"
	"os"
)

// Drains: readers read to their end on every path that returns.

func slurp(r io.Reader) ([]byte, error) { return io.ReadAll(r) } // want slurp:"DrainsParam\\(0\\)"

type mirror struct{ out io.Writer }

// A method's reader after its receiver (index 0).
func (m *mirror) relay(prefix string, r io.Reader) error { // want relay:"DrainsParam\\(2\\)"
	if _, err := io.WriteString(m.out, prefix); err != nil {
		return errors.Join(err, drainTo(m.out, r))
	}
	return drainTo(m.out, r)
}

// Through another function's fact, the reader converted to io.Reader.
func drainFile(f *os.File, w io.Writer) error { return drainTo(w, f) } // want drainFile:"DrainsParam\\(0\\)"

func drainTo(w io.Writer, r io.Reader) error { // want drainTo:"DrainsParam\\(1\\)"
	_, err := io.Copy(w, r)
	return err
}

// Negative: a fixed-size read.
func firstLine(r io.Reader) (string, error) {
	return bufio.NewReader(r).ReadString('\n')
}

// Negative: drained on one path only.
func drainUnlessEmpty(w io.Writer, r io.Reader, empty bool) error {
	if empty {
		return nil
	}
	_, err := io.Copy(w, r)
	return err
}

// Negative: drained by a goroutine that may not have finished on return.
func drainLater(w io.Writer, r io.Reader) {
	go io.Copy(w, r)
}
