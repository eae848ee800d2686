package transfers

import (
	"context"
	"net/http"
	"os"
)

func sentOnChannel(url string, out chan<- *http.Response) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	out <- resp
	return nil
}

func sentInSelect(ctx context.Context, path string, out chan *os.File) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	select {
	case out <- f:
		return nil
	case <-ctx.Done():
		f.Close()
		return ctx.Err()
	}
}
