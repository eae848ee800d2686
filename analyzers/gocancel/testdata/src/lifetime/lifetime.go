// Package lifetime: goroutines started by init, package-level
// initialisers and sync.Once bodies of a library live as long as the
// process; gocancel stays silent there.
package lifetime

import (
	"sync"
	"time"
)

var stats struct {
	mu    sync.Mutex
	ticks int
}

func tick() {
	stats.mu.Lock()
	stats.ticks++
	stats.mu.Unlock()
}

// Negative: a library init starts a process-wide sampler.
func init() {
	go func() {
		for {
			tick()
			time.Sleep(time.Second)
		}
	}()
}

var startOnce sync.Once

// Negative: the sync.Once body starts it once per process.
func EnsureSampler() {
	startOnce.Do(func() {
		go sample()
	})
}

func sample() {
	for {
		tick()
		time.Sleep(time.Second)
	}
}

// Positive twin: every call starts another sampler nothing can stop.
func StartSampler() {
	go sample() // want `this goroutine can never be stopped`
}
