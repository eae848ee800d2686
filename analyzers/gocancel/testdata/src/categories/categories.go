// Package categories pins the Category of gocancel's diagnostics.
package categories

import (
	"context"
	"errors"
	"time"
)

type poller struct{ tick func() }

func (p *poller) start() {
	// category: normal
	go func() { // want `this goroutine can never be stopped`
		for {
			p.tick()
			time.Sleep(time.Second)
		}
	}()
}

func fetchAll(parent context.Context, ids []string, get func(context.Context, string) error) {
	for _, id := range ids {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		// category: loop
		defer cancel() // want `defer cancel\(\) inside a loop`
		_ = get(ctx, id)
	}
}

var errEmpty = errors.New("empty")

// Negative: go vet's lostcancel reports the early return; gocancel stays
// silent.

func lookup(parent context.Context, key string, get func(context.Context, string) error) error {
	ctx, cancel := context.WithCancel(parent)
	if key == "" {
		return errEmpty
	}
	err := get(ctx, key)
	cancel()
	return err
}

// Negative: cancelled on every path.
func lookupDeferred(parent context.Context, key string, get func(context.Context, string) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return get(ctx, key)
}
