// Package owners has a constructor whose value owns a goroutine until
// Close (issue 11 §3.18).
package owners

import "time"

// Heartbeat beats until Close.
type Heartbeat struct {
	stop  chan struct{}
	beats chan time.Time
}

// NewHeartbeat starts beating.
func NewHeartbeat(every time.Duration) *Heartbeat {
	h := &Heartbeat{stop: make(chan struct{}), beats: make(chan time.Time, 1)}
	go func() {
		for {
			select {
			case <-h.stop:
				return
			case <-time.After(every):
				select {
				case h.beats <- time.Now():
				default:
				}
			}
		}
	}()
	return h
}

// Close stops the beating goroutine.
func (h *Heartbeat) Close() { close(h.stop) }
