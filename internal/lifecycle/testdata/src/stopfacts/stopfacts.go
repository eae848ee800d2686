package stopfacts

import "context"

type job struct{}

func process(j job) {}

func loopUntil(ctx context.Context, jobs <-chan job) { // want loopUntil:"StopsOnlyOn\\(0:ctx\\)"
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			process(j)
		}
	}
}
