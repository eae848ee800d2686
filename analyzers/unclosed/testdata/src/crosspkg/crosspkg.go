// Package crosspkg uses the helpers of another package: facts carry what
// they do with their arguments.
package crosspkg

import (
	"net"
	"net/http"
	"os"

	"helpers"
)

func drainedByHelper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer helpers.Drain(resp)
	return nil
}

func closedByVariadicHelper(a, b string) error {
	fa, err := os.Open(a)
	if err != nil {
		return err
	}
	fb, err := os.Open(b)
	if err != nil {
		fa.Close()
		return err
	}
	defer helpers.CloseAll(fa, fb)
	return nil
}

func keptByHelper(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	helpers.Keep(c)
	return nil
}

func mustFromHelper(url string) int {
	resp := helpers.Must(http.Get(url))
	defer resp.Body.Close()
	return resp.StatusCode
}

func captureFromHelper(url string) (err error) {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer helpers.Capture(&err, resp.Body.Close)
	return nil
}

func ownedFromHelperClosed(path string) error {
	r, err := helpers.OpenReader(path)
	if err != nil {
		return err
	}
	return r.Close()
}

func inspectedByHelper(url string) string {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed; Inspect receives it but neither releases nor keeps it`
	if err != nil {
		return ""
	}
	return helpers.Inspect(resp)
}

func fetchedNotClosed(url string) int {
	resp, err := helpers.Fetch(url) // want `resp.Body from helpers.Fetch is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func openedNotClosed(path string) error {
	r, err := helpers.OpenReader(path) // want `r from helpers.OpenReader is never closed`
	if err != nil {
		return err
	}
	println(r)
	return nil
}
