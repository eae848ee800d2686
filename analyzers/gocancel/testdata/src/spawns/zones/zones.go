// Package zones refreshes DNS zones in the background until the context
// its caller passes is done.
package zones

import (
	"context"
	"time"
)

// Zone is a zone file kept fresh by a background loop.
type Zone struct {
	name    string
	serial  int
	refresh time.Duration
}

// Run starts the refresh loop and returns; the loop ends when ctx is
// done, and only then.
func (z *Zone) Run(ctx context.Context) {
	go z.refreshLoop(ctx)
}

func (z *Zone) refreshLoop(ctx context.Context) {
	t := time.NewTimer(z.refresh)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			z.serial++
			t.Reset(z.refresh)
		}
	}
}

// Watch starts a function literal that waits for ctx or stop.
func (z *Zone) Watch(ctx context.Context, stop <-chan struct{}) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-stop:
				return
			case <-time.After(z.refresh):
				z.serial++
			}
		}
	}()
}
