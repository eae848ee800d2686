package summaries

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// A constructor whose value owns a goroutine that only its Close ends
// returns a resource (issue 11 §3.18).
type ticker struct {
	stop chan struct{}
	C    chan time.Time
}

func newTicker(d time.Duration) *ticker { // want newTicker:"ReturnsOwned\\(0:Close\\)"
	t := &ticker{stop: make(chan struct{}), C: make(chan time.Time)}
	go t.run(d)
	return t
}

func (t *ticker) run(d time.Duration) { // want run:"RecvsField\\(.0\\)"
	for {
		select {
		case <-t.stop:
			return
		case now := <-time.After(d):
			t.C <- now
		}
	}
}

func (t *ticker) Close() { close(t.stop) } // want Close:"ClosesField\\(.0\\)"

// The same through a cancel function and a Stop method.
type tailer struct{ cancel context.CancelFunc }

func newTailer(lines chan<- string) (*tailer, error) { // want newTailer:"ReturnsOwned\\(0:Stop\\)"
	ctx, cancel := context.WithCancel(context.Background())
	t := &tailer{cancel: cancel}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case lines <- "":
			}
		}
	}()
	return t, nil
}

func (t *tailer) Stop() { t.cancel() } // want Stop:"ClosesParam\\(0\\)"

// Not an owner: the goroutine does not wait on anything Close ends.
type loader struct {
	done chan struct{}
	quit chan struct{}
}

func newLoader(load func()) *loader { // want newLoader:"ClosesParam\\(0\\) CallsParam\\(0\\)"
	l := &loader{done: make(chan struct{}), quit: make(chan struct{})}
	go func() {
		load()
		close(l.done)
	}()
	return l
}

func (l *loader) Close() { close(l.quit) } // want Close:"ClosesField\\(.1\\)"

// A method that keeps its argument in its receiver only says so
// (KeepsInReceiver); one that also keeps it elsewhere does not.
type lineParser struct {
	br    *bufio.Reader
	lines int
}

func (p *lineParser) Parse(r io.Reader) int { // want Parse:"TakesOwnership\\(1\\) KeepsInReceiver\\(1\\)"
	p.br = bufio.NewReader(r)
	for {
		if _, err := p.br.ReadString('\n'); err != nil {
			return p.lines
		}
		p.lines++
	}
}

var lastInput io.Reader

func (p *lineParser) ParseAndRemember(r io.Reader) int { // want ParseAndRemember:"TakesOwnership\\(1\\)"
	lastInput = r
	return p.Parse(r)
}

// The stop channel handed to the goroutine itself.
type flusher struct{ quit chan struct{} }

func newFlusher(flush func()) *flusher { // want newFlusher:"ClosesParam\\(0\\) CallsParam\\(0\\) ReturnsOwned\\(0:Shutdown\\)"
	f := &flusher{quit: make(chan struct{})}
	go flushUntil(f.quit, flush)
	return f
}

func flushUntil(quit <-chan struct{}, flush func()) { // want flushUntil:"ClosesParam\\(1\\) CallsParam\\(1\\)" flushUntil:"StopsOnlyOn\\(0:recv\\)"
	for {
		select {
		case <-quit:
			return
		case <-time.After(time.Second):
			flush()
		}
	}
}

func (f *flusher) Shutdown() { close(f.quit) } // want Shutdown:"ClosesField\\(.0\\)"

// A wrapper constructor that takes a call's results as they come drops
// the response only where the error it was given is non-nil (PairedErr);
// one that also drops it on a bad status does not say so.
type page struct{ body io.ReadCloser }

func pageOf(resp *http.Response, err error) (*page, error) { // want pageOf:"ClosesParam\\(0\\) ReturnsParam\\(0\\) DropsOnErr\\(0\\) PairedErr\\(0\\)"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	return &page{body: resp.Body}, nil
}

func pageOrDrop(resp *http.Response, err error) (*page, error) { // want pageOrDrop:"ReturnsParam\\(0\\) DropsOnErr\\(0\\)"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return &page{body: resp.Body}, nil
}
