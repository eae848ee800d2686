package transfers

import (
	"net/http"
	"os"
)

// Sink is implemented elsewhere; it takes what it is given.
type Sink interface{ Put(f *os.File) }

func handedToInterface(s Sink, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	s.Put(f)
	return nil
}

func handedToFuncValue(url string, consume func(*http.Response)) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	consume(resp)
	return nil
}
