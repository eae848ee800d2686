// Package errgroup is a stub of golang.org/x/sync/errgroup with the same
// import path and shapes.
package errgroup

import (
	"context"
	"sync"
)

// Group runs functions in goroutines and waits for them.
type Group struct {
	wg  sync.WaitGroup
	err error
	mu  sync.Mutex
}

// WithContext returns a group and a context cancelled when a function
// fails or Wait returns.
func WithContext(ctx context.Context) (*Group, context.Context) {
	return &Group{}, ctx
}

// Go runs f in a goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			g.err = err
			g.mu.Unlock()
		}
	}()
}

// Wait waits for every function and returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}
