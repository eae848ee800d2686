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

// Collected into a slice in a loop and closed by a closure deferred after
// the loop: each iteration's file is kept by the slice.
func concatAll(paths []string) (int64, error) {
	var files []*os.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		files = append(files, f)
	}
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	var total int64
	for _, f := range files {
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}
