package summaries

import (
	"bufio"
	"io"
	"os"
)

// A record reader that follows include directives: next reads from the
// include it opened itself until that ends, then closes it. Neither the
// recursion nor closing the include's file touches the reader the
// caller handed to newRecords (issue 11 §3.8).
type records struct {
	in      *bufio.Reader
	include *records
	file    io.Closer
}

func newRecords(r io.Reader) *records { return &records{in: bufio.NewReader(r)} } // want newRecords:"ReturnsParam\\(0\\)"

func (rs *records) next() (string, bool) {
	if rs.include != nil {
		return rs.fromInclude()
	}
	line, err := rs.in.ReadString('\n')
	if err != nil {
		return "", false
	}
	if len(line) > 9 && line[:9] == "#include " {
		f, err := os.Open(line[9:])
		if err != nil {
			return "", false
		}
		rs.include = newRecords(f)
		rs.include.file = f
		return rs.fromInclude()
	}
	return line, true
}

func (rs *records) fromInclude() (string, bool) {
	if line, ok := rs.include.next(); ok {
		return line, true
	}
	if rs.include.file != nil {
		rs.include.file.Close()
	}
	rs.include = nil
	return rs.next()
}

// The twins: a method whose name says it ends the value closes what it
// holds even if only on some paths, and one under another name that
// closes on every path that does not fail does too.
func (rs *records) Close() error { // want Close:"ClosesParam\\(0\\)"
	if rs.file == nil {
		return nil
	}
	return rs.file.Close()
}

type journal struct{ f *os.File }

func (j *journal) Seal() error { // want Seal:"ClosesParam\\(0\\) DropsOnErr\\(0\\)"
	if err := j.f.Sync(); err != nil {
		return err
	}
	return j.f.Close()
}

// A recursive helper that keeps what it is given at the end of a chain
// still takes it: the recursion adds nothing, the base case keeps.
type chain struct {
	next *chain
	c    io.Closer
}

func appendTo(ch *chain, c io.Closer) { // want appendTo:"TakesOwnership\\(1\\)"
	if ch.next == nil {
		ch.next = &chain{c: c}
		return
	}
	appendTo(ch.next, c)
}
