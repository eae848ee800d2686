package unstoppable

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// RULES gocancel 1 live: errgroup contexts.
func startErrgroup(jobs chan job) error {
	g, ctx := errgroup.WithContext(context.Background())
	go loopUntil(ctx, jobs)
	g.Go(func() error { return nil })
	return g.Wait()
}
