package leaks

import (
	"io"
	"net/http"
	"os"
)

// cleanup closes the file it is given, and only the file.
func cleanup(resp *http.Response, f *os.File) {
	f.Close()
}

func calleeClosesSomethingElse(url, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed; cleanup closes something else but not resp.Body`
	if err != nil {
		f.Close()
		return err
	}
	_, err = io.Copy(f, resp.Body)
	cleanup(resp, f)
	return err
}

// logStatus only reads the response.
func logStatus(resp *http.Response) { println(resp.Status) }

func calleeOnlyReads(url string) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed; logStatus receives it but neither releases nor keeps it`
	if err != nil {
		return
	}
	logStatus(resp)
}
