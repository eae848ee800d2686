// Package gocancel defines an Analyzer that reports goroutines and cancel
// functions that can never be stopped.
//
// # Analyzer gocancel
//
// Report goroutines and cancel functions that can never be stopped.
//
// gocancel reports five things.
//
// An unstoppable goroutine, at its go statement: the goroutine's body (its
// function literal or the function it calls, followed into callees in
// this and other packages) loops or blocks where every way out depends on
// a dead stop source: a context from context.Background, TODO or
// WithoutCancel (also through WithValue), a context whose cancel function
// is never called, a nil channel, a ticker's or timer's channel (or
// time.Tick, time.After) waited on to close (Stop does not close it, so
// `range t.C` never ends), an unexported field or package variable of
// channel type that nothing in the package closes, `select {}`, or a
// loop with no exit at all. A goroutine started through an interface
// method (go w.Watch(ch)) is judged by the implementations in the
// package when the interface is unexported, and so is a channel an
// interface method returns (range ticker.Chan()). Context parameters and
// fields, t.Context(), errgroup contexts, WithTimeout and WithDeadline
// contexts, channels that are parameters, exported or closed somewhere,
// loops that end on an error and bounded loops are live stop sources.
//
//	func (w *Worker) Start() {
//		go w.loop(context.Background()) // never stops
//	}
//
//	func (w *Worker) loop(ctx context.Context) {
//		for {
//			select {
//			case <-ctx.Done():
//				return
//			case j := <-w.jobs:
//				w.do(j)
//			}
//		}
//	}
//
// A call that passes a dead stop source (context.Background()) to a
// function whose goroutine stops only when that parameter fires is
// reported at the call: z.Run(context.Background()), where Run starts a
// loop that returns on ctx.Done(). Such functions are summarised for
// callers in other packages.
//
// An orphaned channel partner, at the go statement: the goroutine sends on
// (or receives from) a channel made by the function that starts it, the
// buffer cannot hold every send, and that function has a path to return
// with fewer matching operations: a select whose ctx.Done(), time.After
// or default case returns, an early return inside the receive loop, a
// return before the receive. The goroutine then blocks forever. A
// channel buffered for every sender, a send in a select with a live stop
// case, and a spawning function that joins (sync.WaitGroup.Wait,
// errgroup.Group.Wait) on every path are fine. For one sender, the
// suggested fix buffers the channel: make(chan T) becomes make(chan T, 1).
//
// A lost cancel function, at the call that creates it, for what go vet's
// lostcancel does not report: `_ = cancel`; a cancel function stored in
// an unexported field that nothing reads; the cancel function returned by
// a wrapper and discarded or never called; the stop function of
// signal.NotifyContext never called outside main; a cancel function
// passed to a callee that never calls it; `defer cancel()` inside a loop.
// Calling it in a goroutine or a defer, returning it (alone, or in a
// struct whose field some method calls: a field of a returned struct
// that nothing reads is lost), storing it in a field some method calls
// or in a package variable read elsewhere, or appending it to a slice of
// cleanups that is called all hand it on. A cancel function of
// context.WithCancel(context.Background()) (or TODO) dropped, with the
// struct that holds it and its context, before anything used the context
// (a constructor that returns `nil, err` on a bad option) leaks nothing:
// such a parent does not register its children, and no goroutine waits
// on the context.
//
// A blocking timer drain, at the receive: `if !t.Stop() { <-t.C }`
// reachable after t.C may already have been received (and the timer not
// reset): Stop then reports false and the channel is empty, so the
// receive blocks forever.
//
// Goroutines and cancel functions of process lifetime are not reported:
// those of main.main, of an init function of any package (package-level
// initialisers included), of a sync.Once.Do, OnceFunc, OnceValue or
// OnceValues body, and of a closure or unexported function that only
// they call (`func main() { os.Exit(run()) }`). A closure they register
// elsewhere (a handler) runs any number of times and is checked.
// Goroutines in _test.go
// files and cancel functions created by tests are testcleanup's to report.
//
// Each diagnostic's Category says on which kind of path it leaks: loop
// for a defer cancel() inside a loop, error-path for a cancel function
// skipped only by a return of a non-nil error, normal otherwise (a
// goroutine nothing can stop leaks every time it is started).
//
// Silence one report with `//leakvet:ignore gocancel <reason>` on its line
// or the line above.
package gocancel
