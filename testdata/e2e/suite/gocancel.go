package suite

import "time"

// StartTicker starts a goroutine that nothing can ever stop: ranging over
// a ticker's channel never ends.
func StartTicker(work func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			work()
		}
	}()
}
