package stopfacts // want package:"Analyzed"

// The Stop and ChanNeverClosed facts the engine exports.

import (
	"context"
	"time"
)

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

func drain(jobs <-chan job) { // want drain:"StopsOnlyOn\\(0:close\\)"
	for j := range jobs {
		process(j)
	}
}

func waitOne(jobs <-chan job) { // want waitOne:"StopsOnlyOn\\(0:recv\\)"
	process(<-jobs)
}

func either(a, b <-chan job) { // want either:"StopsOnlyOn\\(0:recv,1:recv\\)"
	select {
	case <-a:
	case <-b:
	}
}

func forever() { // want forever:"NoReturn" forever:"NeverStops"
	for {
		process(job{})
		time.Sleep(time.Second)
	}
}

func callsForever() { // want callsForever:"NoReturn" callsForever:"NeverStops"
	process(job{})
	forever()
}

func passesCtx(ctx context.Context) { // want passesCtx:"StopsOnlyOn\\(0:ctx\\)"
	loopUntil(ctx, nil)
}

func bounded(n int) {
	for i := 0; i < n; i++ {
		process(job{})
	}
}

func ioLoop(next func() (job, error)) { // want ioLoop:"ClosesParam\\(0\\) CallsParam\\(0\\)"
	for {
		j, err := next()
		if err != nil {
			return
		}
		process(j)
	}
}

type svc struct {
	quit   chan struct{} // want quit:"ChanNeverClosed NeverSent"
	kick   chan struct{} // want kick:"ChanNeverClosed"
	done   chan struct{}
	events chan job
	Pub    chan job
}

func newSvc(events chan job) *svc {
	return &svc{quit: make(chan struct{}), kick: make(chan struct{}), done: make(chan struct{}), events: events}
}

func (s *svc) wait() { // want wait:"NeverStops" wait:"RecvsField\\(.0\\)"
	<-s.quit
}

func (s *svc) Kick() { s.kick <- struct{}{} } // want Kick:"SendsField\\(.1\\)"

func (s *svc) Close() { close(s.done) } // want Close:"ClosesField\\(.2\\)"

func (s *svc) waitDone() { <-s.done } // want waitDone:"RecvsField\\(.2\\)"

var stopCh = make(chan bool) // want stopCh:"ChanNeverClosed"

func Stop() { stopCh <- true }
