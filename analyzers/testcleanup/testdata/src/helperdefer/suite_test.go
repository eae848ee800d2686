package helperdefer

import (
	"context"
	"testing"
	"time"
)

// onFlush is a hook the code under test calls; tests swap it.
var onFlush = func() {}

// tester's methods named Test* run as subtests through a reflection-based
// runner (grpctest.RunSubTests style): they are tests, not helpers.
type tester struct{}

// Negative: a suite test method swaps the hook for one that waits on ctx
// and restores it in a later defer, which runs before cancel (LIFO).
func (tester) TestFlushHookSeesContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	orig := onFlush
	onFlush = func() { <-ctx.Done() }
	defer func() { onFlush = orig }()
	onFlush = orig
}

// Positive twin: a helper method (lower-case, so not a test) stores a
// hook waiting on ctx in the package variable and cancels ctx when it
// returns: the hook outlives the helper with a cancelled context.
func (tester) installFlushHook(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel() // want `defer cancel\(\) in helper installFlushHook runs when the helper returns, but a value that depends on it is stored where it outlives the helper`
	onFlush = func() { <-ctx.Done() }
}
