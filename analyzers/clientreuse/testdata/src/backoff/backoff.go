// Package backoff retries an operation until it succeeds.
package backoff

import "time"

func Retry(op func() error, attempts int) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * time.Millisecond)
	}
	return err
}
