package transfers

import (
	"net/http"
	"os"
)

// capture runs fn and keeps its error if *errp is nil.
func capture(errp *error, fn func() error) {
	if err := fn(); err != nil && *errp == nil {
		*errp = err
	}
}

func methodValueToCapture(url string) (err error) {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer capture(&err, resp.Body.Close)
	return nil
}

func methodValueOfFile(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer capture(&err, f.Close)
	_, err = f.WriteString("data")
	return err
}

func cleanupSlice(paths []string) error {
	var closers []func() error
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		closers = append(closers, f.Close)
	}
	return nil
}
