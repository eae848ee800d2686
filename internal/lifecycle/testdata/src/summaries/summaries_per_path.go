package summaries

import (
	"errors"
	"io"
	"os"
)

type holdsFile struct{ f *os.File }

// keepsIfNonEmpty keeps the file only when it succeeds.
func keepsIfNonEmpty(f *os.File) (*holdsFile, error) { // want keepsIfNonEmpty:"ReturnsParam\\(0\\) DropsOnErr\\(0\\)"
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, errors.New("empty")
	}
	return &holdsFile{f: f}, nil
}

// keepsOrCloses closes the file itself when it gives up.
func keepsOrCloses(f *os.File) (*holdsFile, error) { // want keepsOrCloses:"ClosesParam\\(0\\) ReturnsParam\\(0\\)"
	if _, err := f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	return &holdsFile{f: f}, nil
}

// retryOpen returns what open returns.
func retryOpen[T io.Closer](open func() (T, error)) (T, error) { // want retryOpen:"ClosesParam\\(0\\) CallsParam\\(0\\) ReturnsCalled\\(0\\)"
	v, err := open()
	if err == nil {
		return v, nil
	}
	return open()
}
