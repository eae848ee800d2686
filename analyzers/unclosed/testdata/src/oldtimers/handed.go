//go:build go1.22

package oldtimers

import "time"

// A ticker handed to the goroutine that ranges over it is that
// goroutine's for as long as it runs, which is forever (Stop does not
// close C): stopping it in the function that starts the goroutine would
// stall the goroutine. The endless goroutine is gocancel's finding.
type sampler struct{ samples []int }

func (s *sampler) sample(t *time.Ticker) {
	for range t.C {
		s.samples = append(s.samples, len(s.samples))
	}
}

func (s *sampler) startSampling() {
	t := time.NewTicker(time.Second)
	go s.sample(t)
}

func startHeartbeat(beat func()) {
	hb := time.NewTicker(time.Minute)
	go func() {
		for range hb.C {
			beat()
		}
	}()
}

// A goroutine that can return (when quit is closed) leaves the ticker
// running behind it.
func startHeartbeatUntil(beat func(), quit <-chan struct{}) {
	hb := time.NewTicker(time.Minute) // want `hb from time.NewTicker is never stopped`
	go func() {
		for {
			select {
			case <-hb.C:
				beat()
			case <-quit:
				return
			}
		}
	}()
}
