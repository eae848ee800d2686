package transfers

import (
	"errors"
	"os"
)

// The twin of leaks.checksumAfterCheck: the closing closure is deferred
// before the early return.
func checksumClosedEarly(path string, limit int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	done := func() { f.Close() }
	defer done()
	st, err := f.Stat()
	if err != nil || st.Size() > limit {
		return errors.New("too large or unreadable")
	}
	return nil
}

// Declared before the resource, assigned after: the deferred closure
// sees the file on every path.
func closedThroughNamedVar(path string) (n int, err error) {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	f, err = os.Open(path)
	if err != nil {
		return 0, err
	}
	if path == "" {
		return 0, errors.New("empty")
	}
	return 1, nil
}
