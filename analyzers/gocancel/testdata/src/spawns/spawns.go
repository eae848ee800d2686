// Package spawns passes contexts to functions that start goroutines
// which stop only when that context is done.
package spawns

import (
	"context"
	"time"

	"spawns/zones"
)

// Server owns zones.
type Server struct {
	zones []*zones.Zone
	local *cache
}

// Start hands every zone a context nothing can cancel: their refresh
// loops outlive the server.
func (s *Server) Start() {
	for _, z := range s.zones {
		z.Run(context.Background()) // want `this call starts a goroutine that can never be stopped: zones.Zone.Run returns at once, but the goroutine started at zones.go:\d+, where .*what this call passes is dead: the context comes from context.Background\(\)`
	}
}

// StartWith passes its own context on: its caller decides.
func (s *Server) StartWith(ctx context.Context) {
	for _, z := range s.zones {
		z.Run(ctx)
	}
}

// StartCancellable gives the zones a context that Stop cancels.
func (s *Server) StartCancellable() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	for _, z := range s.zones {
		z.Run(ctx)
	}
	return cancel
}

// StartWatching passes a dead context but a live stop channel: the
// goroutine still ends when stop is closed.
func (s *Server) StartWatching(stop <-chan struct{}) {
	for _, z := range s.zones {
		z.Watch(context.Background(), stop)
	}
}

// StartDeadline gives the zones a deadline: they stop by themselves, or
// when the caller cancels.
func (s *Server) StartDeadline() context.CancelFunc {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	for _, z := range s.zones {
		z.Run(ctx)
	}
	return cancel
}

type cache struct {
	entries map[string]int
}

// evictLoop drops entries until ctx is done.
func (c *cache) evictLoop(ctx context.Context, every time.Duration) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
			for k := range c.entries {
				delete(c.entries, k)
			}
		}
	}
}

// startEvicting starts the loop in this package.
func (c *cache) startEvicting(ctx context.Context) {
	go c.evictLoop(ctx, time.Minute)
}

// NewServer starts the local cache's eviction with context.TODO: it runs
// for as long as the process does, whatever happens to the server.
func NewServer() *Server {
	s := &Server{local: &cache{entries: map[string]int{}}}
	s.local.startEvicting(context.TODO()) // want `this call starts a goroutine that can never be stopped: cache.startEvicting returns at once, but the goroutine started at spawns.go:\d+, where .*the context comes from context.TODO\(\)`
	return s
}

// NewServerCtx ties eviction to the caller's context.
func NewServerCtx(ctx context.Context) *Server {
	s := &Server{local: &cache{entries: map[string]int{}}}
	s.local.startEvicting(ctx)
	return s
}
