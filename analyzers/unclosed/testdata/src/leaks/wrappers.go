package leaks

import (
	"io"
	"net/http"
	"os"
)

// getJSON is a constructor: it returns the response it got (ReturnsOwned).
func getJSON(url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return http.DefaultClient.Do(req)
}

func callsConstructor(url string) (string, error) {
	resp, err := getJSON(url) // want `resp.Body from getJSON is never closed`
	if err != nil {
		return "", err
	}
	return resp.Header.Get("Content-Type"), nil
}

// logFile wraps a file; Close closes it.
type logFile struct {
	f *os.File
	w io.Writer
}

func (l *logFile) Close() error { return l.f.Close() }

// openLog returns a wrapper that owns the file.
func openLog(path string) (*logFile, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	return &logFile{f: f, w: f}, nil
}

func wrapperNeverClosed(path string) error {
	l, err := openLog(path) // want `l from openLog is never closed`
	if err != nil {
		return err
	}
	_, err = l.w.Write([]byte("x"))
	return err
}

// Two levels of constructors.
func getJSONTwice(url string) (*http.Response, error) { return getJSON(url) }

func callsConstructorTwoDeep(url string) int {
	resp, err := getJSONTwice(url) // want `resp.Body from getJSONTwice is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
