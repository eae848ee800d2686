package leaks

import (
	"net/http"
	"os"
)

func discardedResponse(url string) {
	http.Get(url) // want `the \*http.Response returned by http.Get is discarded, so its Body is never closed`
}

func discardedBlank(url string) error {
	_, err := http.Head(url) // want `the \*http.Response returned by http.Head is discarded`
	return err
}

func discardedFile(path string) error {
	_, err := os.Create(path) // want `the \*os.File returned by os.Create is discarded, so it is never closed`
	return err
}
