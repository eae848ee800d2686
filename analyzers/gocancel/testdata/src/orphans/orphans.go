// Package orphans holds goroutines whose channel partner may never come:
// the function that starts them can return without the matching
// operation.
package orphans

import (
	"context"
	"errors"
	"log"
	"net/http"
	"sync"
	"time"
)

type result struct {
	v   int
	err error
}

func compute() int          { return 1 }
func query(s string) int    { return len(s) }
func check() error          { return nil }
func use(v int)             {}
func fetch(s string) result { return result{v: len(s)} }

// The shape of kubernetes#5316: each channel has one sender, and the
// timeout case returns without receiving from either.
func finishRequest(timeout time.Duration, fn func() error) error {
	ch := make(chan bool)
	errCh := make(chan error)
	go func() { // want `the goroutine sends on ch, but finishRequest can return at line 44 \(the time.After\(timeout\) case\) without receiving from it.*make\(chan bool, 1\)` `the goroutine sends on errCh, but finishRequest can return at line 44 .*make\(chan error, 1\)`
		if err := fn(); err != nil {
			errCh <- err
		} else {
			ch <- true
		}
	}()
	select {
	case <-ch:
	case err := <-errCh:
		return err
	case <-time.After(timeout):
	}
	return nil
}

func withCtx(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { // want `sends on ch, but withCtx can return at line 56 \(the ctx case\) without receiving`
		ch <- compute()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func earlyReturn() (int, error) {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `sends on ch, but earlyReturn can return at line 64 without receiving`
	if err := check(); err != nil {
		return 0, err
	}
	return <-ch, nil
}

func firstWins(servers []string) int {
	ch := make(chan int)
	for _, s := range servers {
		go func() { ch <- query(s) }() // want `goroutines send on ch more often than firstWins receives before it can return at line 74.*buffer the channel for every sender`
	}
	return <-ch
}

func collectOrFail(items []string) ([]int, error) {
	ch := make(chan result)
	for _, it := range items {
		go func() { ch <- fetch(it) }() // want `more often than collectOrFail receives before it can return at line 86 \(leaving the loop early\)`
	}
	var out []int
	for range items {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.v)
	}
	return out, nil
}

func defaultCase() {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `sends on ch, but defaultCase can return at line 102 \(the default case\)`
	time.Sleep(time.Millisecond)
	select {
	case v := <-ch:
		use(v)
	default:
	}
}

func receiverOrphaned(v int) error {
	ch := make(chan int)
	go func() { // want `the goroutine receives from ch, but receiverOrphaned can return at line 110 without sending on it or closing it`
		use(<-ch)
	}()
	if err := check(); err != nil {
		return err
	}
	ch <- v
	return nil
}

func rangeReceiverClosedOnSuccess(items []int) error {
	ch := make(chan int)
	go func() { // want `receives from ch, but rangeReceiverClosedOnSuccess can return at line 125 without sending on it or closing it.*defer close\(ch\)`
		for v := range ch {
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		ch <- it
	}
	close(ch)
	return nil
}

func twoSenders(timeout time.Duration) int {
	ch := make(chan int, 1)
	go func() { ch <- compute() }() // want `goroutines send on ch, but twoSenders can return at line 141 \(the time.After\(timeout\) case\).*all 2 sends`
	go func() { ch <- compute() }() // want `goroutines send on ch, but twoSenders can return`
	select {
	case v := <-ch:
		return v
	case <-time.After(timeout):
		return 0
	}
}

func producerAbandoned(items []int) int {
	ch := make(chan int)
	go func() { // want `the goroutine sends on ch more often than producerAbandoned receives before it can return at line 156 \(leaving the loop early\)`
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		if v < 0 {
			return -1
		}
		sum += v
	}
	return sum
}

func serve(ctx context.Context, srv *http.Server) error {
	errc := make(chan error)
	go func() { errc <- srv.ListenAndServe() }() // want `the goroutine sends on errc, but serve can return at line 170 \(the ctx case\)`
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	}
}

// ---- silent ----

func buffered(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() { ch <- compute() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func bufferedForAll(servers []string) int {
	ch := make(chan int, len(servers))
	for _, s := range servers {
		go func() { ch <- query(s) }()
	}
	return <-ch
}

func sendInSelect(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		select {
		case ch <- compute():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func sendOrDrop() {
	ch := make(chan int)
	go func() {
		select {
		case ch <- compute():
		default:
		}
	}()
	if check() != nil {
		return
	}
	use(<-ch)
}

func doneClosedByDefer() int {
	ch := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case ch <- compute():
		case <-done:
		}
	}()
	if check() != nil {
		return 0
	}
	return <-ch
}

func receivedOnEveryPath() int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	return <-ch
}

func collectAll(items []string) []int {
	ch := make(chan result)
	for _, it := range items {
		go func() { ch <- fetch(it) }()
	}
	var out []int
	for range items {
		r := <-ch
		out = append(out, r.v)
	}
	return out
}

func joinedThenClosed(items []string) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- query(it)
		}()
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func deferClose(items []int) error {
	ch := make(chan int)
	defer close(ch)
	go func() {
		for v := range ch {
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		ch <- it
	}
	return nil
}

func sentOnEveryPath(v int) error {
	ch := make(chan int)
	go func() { use(<-ch) }()
	if err := check(); err != nil {
		ch <- 0
		return err
	}
	ch <- v
	return nil
}

func escapes(sink func(chan int)) {
	ch := make(chan int)
	go func() { ch <- compute() }()
	sink(ch)
}

func pingPong() {
	ch := make(chan int)
	go func() {
		v := <-ch
		ch <- v + 1
	}()
	ch <- 1
	use(<-ch)
}

func sizedAtRunTime(n int, timeout time.Duration) {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() { ch <- compute() }()
	}
	select {
	case <-ch:
	case <-time.After(timeout):
	}
}

func fatalOnError() int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	if err := check(); err != nil {
		log.Fatal(err)
	}
	return <-ch
}

func panicOnError() int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	if err := check(); err != nil {
		panic(err)
	}
	return <-ch
}

// The shape of golang-migrate's TestLockAndUnlock: the worker closes done
// only on the path where it sends no error, and the watcher stops when
// done is closed; the spawner returning through the done case leaves
// neither blocked.
func lockAndUnlock(step func() error, fail func(error)) {
	done := make(chan struct{})
	errs := make(chan error)
	go func() {
		timeout := time.After(time.Second)
		for {
			select {
			case <-done:
				return
			case <-timeout:
				errs <- errors.New("timeout")
				return
			}
		}
	}()
	go func() {
		if err := step(); err != nil {
			errs <- err
			return
		}
		close(done)
	}()
	for {
		select {
		case <-done:
			return
		case err := <-errs:
			fail(err)
			panic(err)
		}
	}
}

// The shape of cli's convertRequests: the channel is returned (receive
// only) to the caller, who receives from it.
func convert(in <-chan int) <-chan result {
	out := make(chan result)
	go func() {
		for v := range in {
			out <- result{v: v}
		}
		close(out)
	}()
	return out
}

func sendVia(ch chan<- int, v int) { ch <- v }

// The goroutine sends once, through a helper: one receive matches it.
func sendThroughHelper() int {
	ch := make(chan int)
	go func() { sendVia(ch, compute()) }()
	return <-ch
}

func sendTwice(ch chan<- int) {
	ch <- 1
	ch <- 2
}

// Two sends through a helper, one buffered, one received.
func twoSendsBuffered() int {
	ch := make(chan int, 1)
	go func() { sendTwice(ch) }()
	return <-ch
}

// Two sends through a helper, unbuffered, one received: the second blocks.
func twoSendsOneReceive() int {
	ch := make(chan int)
	go func() { sendTwice(ch) }() // want `the goroutine sends on ch more often than twoSendsOneReceive receives before it can return at line \d+: .*all 2 sends`
	return <-ch
}

// The shape of kafka-go's Reader.ReadLag: a retry loop with continue
// before the one send, each channel buffered for it.
func readLag(ctx context.Context, brokers []string) (lag int, err error) {
	offch := make(chan int, 1)
	errch := make(chan error, 1)
	go func() {
		var off int
		var err error
		for _, b := range brokers {
			if b == "" {
				continue
			}
			off, err = query(b), check()
			if err == nil {
				break
			}
		}
		if err != nil {
			errch <- err
		} else {
			offch <- off
		}
	}()
	select {
	case lag = <-offch:
	case err = <-errch:
	case <-ctx.Done():
		err = ctx.Err()
	}
	return
}

// The same with unbuffered channels: the ctx case abandons the sender.
func readLagUnbuffered(ctx context.Context, brokers []string) (lag int, err error) {
	offch := make(chan int)
	errch := make(chan error)
	go func() { // want `the goroutine sends on errch, but readLagUnbuffered can return at line \d+ \(the ctx case\)` `the goroutine sends on offch, but readLagUnbuffered can return at line \d+ \(the ctx case\)`
		var off int
		var err error
		for _, b := range brokers {
			if b == "" {
				continue
			}
			off, err = query(b), check()
			if err == nil {
				break
			}
		}
		if err != nil {
			errch <- err
		} else {
			offch <- off
		}
	}()
	select {
	case lag = <-offch:
	case err = <-errch:
	case <-ctx.Done():
		err = ctx.Err()
	}
	return
}

func produce(ch chan<- int) { ch <- compute() }

// The channel reaches the goroutine as a send-only parameter.
func sendOnlyParam() int {
	ch := make(chan int)
	go produce(ch) // want `the goroutine sends on ch, but sendOnlyParam can return at line \d+ \(the time.After\(time.Second\) case\)`
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func consume(ch <-chan int) { use(<-ch) }

// The channel reaches the goroutine as a receive-only parameter.
func recvOnlyParam(v int) error {
	ch := make(chan int)
	go consume(ch) // want `the goroutine receives from ch, but recvOnlyParam can return at line \d+ without sending on it or closing it`
	if err := check(); err != nil {
		return err
	}
	ch <- v
	return nil
}

// RULES gocancel 2 "Silent when ... the parent joins (wg.Wait, errgroup)
// on every path": the receiver is closed and joined before each return.
func joinedOnEveryPath(items []int) error {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range ch {
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			close(ch)
			wg.Wait()
			return errors.New("negative")
		}
		ch <- it
	}
	close(ch)
	wg.Wait()
	return nil
}
