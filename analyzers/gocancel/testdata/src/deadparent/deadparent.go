// Package deadparent: a constructor that stores a context of Background
// and its cancel function in the struct it builds, and gives up before
// anything used the context, drops both together: nothing leaks. Once a
// goroutine waits on the context, or the parent can be cancelled, the
// dropped cancel function is a leak.
package deadparent

import (
	"context"
	"errors"
	"strings"
)

// Feed delivers events until it is closed.
type Feed struct {
	source  string
	filters []string
	ctx     context.Context
	cancel  context.CancelFunc
	events  chan string
}

// Open gives up on a bad filter or source before anything reads f.ctx:
// the context and its cancel function are garbage together.
func Open(source string, filters ...string) (*Feed, error) {
	f := &Feed{source: source}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	for _, flt := range filters {
		if strings.TrimSpace(flt) == "" {
			return nil, errors.New("empty filter")
		}
		f.filters = append(f.filters, flt)
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	f.events = make(chan string)
	go f.pump()
	return f, nil
}

// OpenStarted starts the pump before the last check: on the error path
// the goroutine waits on f.ctx forever.
func OpenStarted(source string) (*Feed, error) {
	f := &Feed{source: source, events: make(chan string)}
	f.ctx, f.cancel = context.WithCancel(context.Background()) // want `f.cancel from context.WithCancel is not called on the path that returns at line 49`
	f.start()
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenUnder derives from a caller's context, which registers the child:
// the dropped context stays alive until the parent is done.
func OpenUnder(parent context.Context, source string) (*Feed, error) {
	f := &Feed{source: source}
	f.ctx, f.cancel = context.WithCancel(parent) // want `f.cancel from context.WithCancel is not called on the path that returns at line 60`
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenLogged hands the feed to a function value before giving up: it may
// keep it and wait on f.ctx.
func OpenLogged(source string, log func(*Feed)) (*Feed, error) {
	f := &Feed{source: source}
	f.ctx, f.cancel = context.WithCancel(context.Background()) // want `f.cancel from context.WithCancel is not called on the path that returns at line 72`
	log(f)
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenChecked checks through a helper that reads only other fields.
func OpenChecked(source string) (*Feed, error) {
	f := &Feed{source: source}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	if err := validate(f); err != nil {
		return nil, err
	}
	return f, nil
}

func validate(f *Feed) error {
	if err := f.check(); err != nil {
		return err
	}
	if len(f.filters) > 8 {
		return errors.New("too many filters")
	}
	return nil
}

func (f *Feed) check() error {
	if f.source == "" {
		return errors.New("no source")
	}
	return nil
}

func (f *Feed) start() { go f.pump() }

func (f *Feed) pump() {
	for {
		select {
		case <-f.ctx.Done():
			return
		case e := <-f.events:
			_ = e
		}
	}
}

// Close stops the pump.
func (f *Feed) Close() { f.cancel() }
