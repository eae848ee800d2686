package transfers

import (
	"io"
	"os"
)

// The twin of leaks.firstLine: what the generic helper returns is closed.
func retrying[T io.Closer](attempts int, open func() (T, error)) (T, error) {
	var zero T
	var err error
	for i := 0; i < attempts; i++ {
		v, e := open()
		if e == nil {
			return v, nil
		}
		err = e
	}
	return zero, err
}

func readHeader(path string) ([]byte, error) {
	f, err := retrying(3, func() (*os.File, error) { return os.Open(path) })
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 16)
	_, err = io.ReadFull(f, buf)
	return buf, err
}

// A helper that calls its function but returns something else is not a
// constructor of what the function opens.
func sizeOf(open func() (*os.File, error)) (int64, error) {
	f, err := open()
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func sizeOfConfig() (int64, error) {
	return sizeOf(func() (*os.File, error) { return os.Open("config.json") })
}
