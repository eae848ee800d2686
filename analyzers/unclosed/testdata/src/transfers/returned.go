package transfers

import (
	"io"
	"net/http"
	"os"
)

func returnedDirectly(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// body owns the response body; its Close closes it.
type body struct {
	rc io.ReadCloser
	n  int
}

func (b *body) Close() error { return b.rc.Close() }

func returnedInStruct(url string) (*body, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &body{rc: resp.Body}, nil
}

type result struct {
	Resp *http.Response
	Err  error
}

func returnedInStructValue(url string) result {
	resp, err := http.Get(url)
	if err != nil {
		return result{Err: err}
	}
	return result{Resp: resp}
}

func returnedAsReadCloser(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func callerClosesWrapper(url string) error {
	b, err := returnedInStruct(url)
	if err != nil {
		return err
	}
	defer b.Close()
	return nil
}
