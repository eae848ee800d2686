package orphans

import (
	"errors"
	"strings"
	"sync"
)

// Issue 11 §3.17: a worker ranges over a channel in a field of a local
// struct, and only a later method call closes it (its body closes the
// field). An early return between the go statement and that call skips
// it: the worker waits forever.

type record struct{ line string }

type indexer struct {
	queue chan record
	mu    sync.Mutex
	seen  map[string]int
}

// shutdown closes the queue the worker ranges over.
func (ix *indexer) shutdown() { close(ix.queue) }

// stop closes it at most once, through a close-once guard.
type ticketDesk struct {
	tickets chan string
	once    sync.Once
	served  int
}

func (d *ticketDesk) stop() { d.once.Do(func() { close(d.tickets) }) }

func (d *ticketDesk) serve() {
	for range d.tickets {
		d.served++
	}
}

func (ix *indexer) work() {
	for r := range ix.queue {
		ix.mu.Lock()
		ix.seen[r.line]++
		ix.mu.Unlock()
	}
}

var errBlank = errors.New("blank line")

// ---- reported ----

func indexLines(lines []string) error {
	ix := &indexer{queue: make(chan record), seen: map[string]int{}}
	go ix.work() // want `the goroutine receives from queue, but indexLines can return at line \d+ without closing it: the receive blocks forever and the goroutine leaks; call ix.shutdown\(\) on every path \(defer ix.shutdown\(\)\)`
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			return errBlank
		}
		ix.queue <- record{line: l}
	}
	ix.shutdown()
	return nil
}

func countTickets(names []string, limit int) (int, error) {
	d := &ticketDesk{tickets: make(chan string)}
	go func() { // want `the goroutine receives from tickets, but countTickets can return at line \d+ without closing it: .*call d.stop\(\) on every path \(defer d.stop\(\)\)`
		d.serve()
	}()
	if len(names) > limit {
		return 0, errors.New("too many")
	}
	for _, n := range names {
		d.tickets <- n
	}
	d.stop()
	return d.served, nil
}

// ---- silent ----

// The closing method is deferred.
func indexLinesDeferred(lines []string) error {
	ix := &indexer{queue: make(chan record), seen: map[string]int{}}
	go ix.work()
	defer ix.shutdown()
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			return errBlank
		}
		ix.queue <- record{line: l}
	}
	return nil
}

// Every path calls the closing method before it returns.
func indexLinesEveryPath(lines []string) error {
	ix := &indexer{queue: make(chan record), seen: map[string]int{}}
	go ix.work()
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			ix.shutdown()
			return errBlank
		}
		ix.queue <- record{line: l}
	}
	ix.shutdown()
	return nil
}

func countTicketsEveryPath(names []string, limit int) (int, error) {
	d := &ticketDesk{tickets: make(chan string)}
	go func() {
		d.serve()
	}()
	if len(names) > limit {
		d.stop()
		return 0, errors.New("too many")
	}
	for _, n := range names {
		d.tickets <- n
	}
	d.stop()
	return d.served, nil
}

// The struct is handed to code the engine does not follow, which may
// close the queue itself.
var pending []*indexer

func indexLinesShared(lines []string) error {
	ix := &indexer{queue: make(chan record), seen: map[string]int{}}
	pending = append(pending, ix)
	go ix.work()
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			return errBlank
		}
		ix.queue <- record{line: l}
	}
	ix.shutdown()
	return nil
}
