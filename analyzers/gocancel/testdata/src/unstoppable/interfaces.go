package unstoppable

import "time"

type event struct{ path string }

// watcher is implemented only here: every implementation polls forever.
type watcher interface {
	watch(out chan<- event)
}

type pollWatcher struct{ dir string }

func (p pollWatcher) watch(out chan<- event) {
	for {
		out <- event{path: p.dir}
		time.Sleep(time.Second)
	}
}

type inotifyWatcher struct{ fd int }

func (w *inotifyWatcher) watch(out chan<- event) {
	for {
		out <- event{path: "fd"}
	}
}

func startWatching(w watcher) <-chan event {
	events := make(chan event, 16)
	go w.watch(events) // want `this goroutine can never be stopped: no implementation of watcher.watch in this package returns: in inotifyWatcher.watch, the loop at line \d+ has no exit`
	return events
}

// stoppableWatcher has an implementation that ends when its done channel
// is closed: the interface call can return.
type stoppableWatcher interface {
	run(out chan<- event)
	stop()
}

type doneWatcher struct{ done chan struct{} }

func (d *doneWatcher) run(out chan<- event) {
	for {
		select {
		case <-d.done:
			return
		case out <- event{}:
		}
	}
}

func (d *doneWatcher) stop() { close(d.done) }

type foreverWatcher struct{}

func (foreverWatcher) run(out chan<- event) {
	for {
		out <- event{}
	}
}

func (foreverWatcher) stop() {}

func startStoppable(w stoppableWatcher) <-chan event {
	events := make(chan event, 16)
	go w.run(events)
	return events
}

// ticker abstracts a clock for tests; the package's only implementation
// hands out a time.Ticker's channel, which Stop never closes.
type ticker interface {
	Chan() <-chan time.Time
	Stop()
}

type realTicker struct{ t *time.Ticker }

func (r realTicker) Chan() <-chan time.Time { return r.t.C }
func (r realTicker) Stop()                  { r.t.Stop() }

func flushEvery(tk ticker, flush func()) {
	go func() { // want `the loop at line \d+ never exits: tk.Chan\(\) is a ticker's channel: Stop does not close it`
		for range tk.Chan() {
			flush()
		}
	}()
}

// flushUntil leaves the loop when done is closed.
func flushUntil(tk ticker, done <-chan struct{}, flush func()) {
	go func() {
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.Chan():
				flush()
			}
		}
	}()
}

// source has an implementation whose channel is closed: ranging over it
// ends.
type source interface {
	Chan() <-chan int
}

type sliceSource struct{ items []int }

func (s sliceSource) Chan() <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range s.items {
			ch <- it
		}
	}()
	return ch
}

func drainSource(src source, use func(int)) {
	go func() {
		for v := range src.Chan() {
			use(v)
		}
	}()
}
