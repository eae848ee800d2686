// Package categories pins the Category of unclosed's diagnostics.
package categories

import (
	"fmt"
	"net/http"
	"os"
)

func statusOnly(url string) (int, error) {
	// category: normal
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func checkStatus(url string) error {
	// category: error-path
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 26`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	resp.Body.Close()
	return nil
}

func sizes(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		// category: loop
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

// Negative: closed on every path, no diagnostic and no category.
func closed(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
