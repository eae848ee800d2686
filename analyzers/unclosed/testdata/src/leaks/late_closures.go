package leaks

import (
	"errors"
	"os"
)

// A closure that closes the file but is deferred only after an early
// return does not close it on that return.
func checksumAfterCheck(path string, limit int64) error {
	f, err := os.Open(path) // want `f from os.Open is not closed on the path that returns at line 17`
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil || st.Size() > limit {
		return errors.New("too large or unreadable")
	}
	done := func() { f.Close() }
	defer done()
	return nil
}
