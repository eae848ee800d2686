package goroutines

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

// ---- reported: uses t ----

func TestLogNeverJoined(t *testing.T) {
	go func() { // want `goroutine calls t.Log but the test does not wait for it on the path that returns at line 23`
		t.Log("background")
	}()
}

func TestServeReportsError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go func() { // want `goroutine calls t.Errorf but the test does not wait for it`
		if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
			t.Errorf("serve: %v", err)
		}
	}()
	resp, err := http.Get("http://" + l.Addr().String())
	require.NoError(t, err)
	resp.Body.Close()
}

func TestJoinedOnlyOnSomePaths(t *testing.T) {
	done := make(chan struct{})
	go func() { // want `goroutine calls t.Log but the test does not wait for it on the path that returns at line 47`
		defer close(done)
		t.Log("x")
	}()
	if testing.Short() {
		return
	}
	<-done
}

func TestRequireInGoroutine(t *testing.T) {
	go func() { // fail path: it uses t only to report a failure (quiet unless -testcleanup.failpath)
		require.NoError(t, Work())
	}()
}

func checkWork(t *testing.T) {
	if err := Work(); err != nil {
		t.Errorf("work: %v", err)
	}
}

func TestLocalHelperInGoroutine(t *testing.T) {
	go checkWork(t) // fail path: it uses t only to report a failure (quiet unless -testcleanup.failpath)
}

func TestGoMethodOfT(t *testing.T) {
	go t.Logf("started %d", 1) // want `goroutine uses t but the test does not wait for it`
}

func TestHelperViaClosure(t *testing.T) {
	go func() { // fail path: it uses t only to report a failure (quiet unless -testcleanup.failpath)
		checkWork(t)
	}()
}

func TestAssertInGoroutine(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // fail path: it uses t only to report a failure (quiet unless -testcleanup.failpath)
		defer wg.Done()
		assert.NoError(t, Work())
	}()
	if testing.Short() {
		t.Skip("short")
	}
	wg.Wait()
}

func TestInSubtest(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		t.Run("inner", func(t *testing.T) {
			go func() { // fail path: it uses t only to report a failure (quiet unless -testcleanup.failpath)
				t.Error("late")
			}()
		})
	})
}

func TestTableGoroutines(t *testing.T) {
	for _, n := range []int{1, 2} {
		go func() { // want `goroutine calls t.Logf but the test does not wait for it`
			t.Logf("case %d", n)
		}()
	}
}

// ---- reported: loops with no stop ----

func TestBackgroundContextLoop(t *testing.T) {
	ctx := context.Background()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				_ = Work()
			}
		}
	}()
}

// A select case with an empty body makes the loop a single block whose
// exit runs through the select's chain of case tests.
func TestTickerFirstCase(t *testing.T) {
	ctx := context.TODO()
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-ctx.Done():
				return
			}
		}
	}()
}

func TestSleepLoop(t *testing.T) {
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		for {
			time.Sleep(time.Millisecond)
			_ = Work()
		}
	}()
}

func TestRangeTicker(t *testing.T) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		for range tick.C {
			_ = Work()
		}
	}()
}

func TestStopNeverClosed(t *testing.T) {
	stop := make(chan struct{})
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		for {
			select {
			case <-stop:
				return
			default:
				_ = Work()
			}
		}
	}()
}

func TestAcceptLoopIgnoresErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		for {
			conn, err := l.Accept()
			if err != nil {
				continue
			}
			conn.Close()
		}
	}()
}

func TestCancelDropped(t *testing.T) {
	ctx, _ := context.WithCancel(context.Background())
	go func() { // want `goroutine loops with nothing tied to the test to stop it`
		for ctx.Err() == nil {
			_ = Work()
		}
	}()
}

// ---- silent ----

func TestWaitGroupJoined(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Log(i)
		}()
	}
	wg.Wait()
}

func TestDoneChannelJoined(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Log("x")
	}()
	<-done
}

func TestDeferWait(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Log("x")
	}()
	if err := Work(); err != nil {
		t.Fatal(err)
	}
}

func TestCleanupWait(t *testing.T) {
	wg := &sync.WaitGroup{}
	t.Cleanup(wg.Wait)
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Log("x")
	}()
	require.NoError(t, Work())
}

func TestJoinWithTimeout(t *testing.T) {
	errc := make(chan error, 1)
	go func() {
		errc <- Work()
		t.Log("sent")
	}()
	select {
	case err := <-errc:
		require.NoError(t, err)
	case <-time.After(time.Second):
		t.Fatal("timeout")
	}
}

func TestErrgroupWait(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error {
		t.Log("in group")
		return nil
	})
	require.NoError(t, g.Wait())
}

func TestLoopWithTestContext(t *testing.T) {
	ctx := t.Context()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
}

func TestLoopWithDeferredCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			_ = Work()
		}
	}()
}

func TestLoopWithDeferredClose(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				_ = Work()
			}
		}
	}()
}

func TestLoopStoppedInCleanup(t *testing.T) {
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	tick := time.NewTicker(time.Millisecond)
	go func() {
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
}

func TestAcceptLoopEndsOnClose(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
}

func TestBoundedLoop(t *testing.T) {
	ch := make(chan int, 3)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
}

func TestRangeClosedChannel(t *testing.T) {
	ch := make(chan int)
	go func() {
		for v := range ch {
			_ = v
		}
	}()
	ch <- 1
	close(ch)
}

func TestServeNoT(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: http.NotFoundHandler()}
	defer srv.Close()
	go srv.Serve(l)
}

func TestHarmlessMethods(t *testing.T) {
	go func() {
		_ = t.Name()
	}()
}

func TestSynctestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		go func() {
			t.Log("in the bubble")
		}()
		go func() {
			for {
				time.Sleep(time.Second)
			}
		}()
	})
}

func startWorker(t *testing.T) (stop func()) {
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-quit:
				return
			default:
				t.Log("tick")
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}

func TestWorkerStopped(t *testing.T) {
	stop := startWorker(t)
	defer stop()
}

// A failing test ends with the goroutine running; the failure is what
// matters there.
func TestFatalBeforeJoin(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		assert.NoError(t, Work())
	}()
	if err := Work(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
}

// mysqld_exporter: the channel is drained inside a function literal that
// an assertion framework runs.
func TestJoinedInCallback(t *testing.T) {
	ch := make(chan int)
	go func() {
		if err := Work(); err != nil {
			t.Errorf("work: %v", err)
		}
		close(ch)
	}()
	run(t, func() {
		for range ch {
		}
	})
}

func run(t *testing.T, items ...any) { items[0].(func())() }

type harness struct {
	wg   sync.WaitGroup
	errs chan error
}

// The WaitGroup is a field of a struct the test and the goroutine share.
func TestJoinedThroughField(t *testing.T) {
	h := &harness{errs: make(chan error, 1)}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t.Log("working")
	}()
	h.wg.Wait()
}

func TestJoinedThroughFieldChannel(t *testing.T) {
	var h harness
	h.errs = make(chan error)
	go func() {
		t.Log("working")
		h.errs <- nil
	}()
	<-h.errs
}

func TestJoinedOnAnotherField(t *testing.T) {
	h := &harness{errs: make(chan error, 1)}
	other := &harness{}
	h.wg.Add(1)
	go func() { // want `goroutine calls t.Log but the test does not wait for it`
		defer h.wg.Done()
		t.Log("working")
	}()
	other.wg.Wait()
}

func TestJoinedInSubtest(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Log("x")
		}()
		wg.Wait()
	})
}
