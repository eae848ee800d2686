// Package testcleanup defines an Analyzer that reports test resources and
// goroutines that outlive their test.
//
// # Analyzer testcleanup
//
// Report test fixtures and goroutines that outlive their test.
//
// A test suite that leaks a server, a database pool, a listener or a
// goroutine per test runs out of file descriptors long before anyone
// reads a leak report, and parallel subtests that use what their parent
// already closed fail only sometimes. testcleanup looks at Test,
// Benchmark and Fuzz functions, TestMain, t.Run, b.Run and f.Fuzz bodies,
// and helpers taking a *testing.T, B, F or testing.TB, in _test.go files.
// In them, t.Fatal, t.FailNow, t.Skip, testify's require and any helper
// that may call them end the test: deferred calls and t.Cleanup functions
// run, later statements do not.
//
// Fail paths are quiet by default: a resource that outlives its test only
// on a path where t.Fatal, t.FailNow, require.* or b.Fatal ends a test
// that is already failing (its cleanup registered after a call that may
// fail the test, or the response of `if _, err := http.Get(u); err == nil
// { t.Fatal(...) }`), or only past a point where the test reported a
// failure and went on (t.Error, t.Errorf, t.Fail, a testify assert that
// returned false, assert.NoError on the error of a call that releases
// the resource only when it succeeds), is reported only with
// -testcleanup.failpath. A leak on a path where the test passes (it
// returns, or t.Skip ends it) is always reported.
//
// It reports five things.
//
// 1. A resource without cleanup, at the call that creates it: a resource
// of the table unclosed uses (response bodies, rows, files, connections,
// listeners, httptest servers, *sql.DB...), a process started with
// cmd.Start (owed a Wait), a directory from os.MkdirTemp (owed an
// os.RemoveAll), or anything a helper in this or another package returns
// fresh, with a path to the end of the test on which it is neither
// released nor handed on. Separate messages say when it is never
// released, when its release comes only after a call that may end the
// test (with -testcleanup.failpath), and when a b.Loop() or b.N loop
// creates one per iteration (or defers its release inside the loop). An unstarted httptest server
// already holds its listener; a file inside t.TempDir() still needs
// Close.
//
//	srv := httptest.NewServer(h)
//	resp, err := http.Get(srv.URL)
//	if err != nil {
//		t.Fatal(err) // srv leaks here
//	}
//	defer srv.Close()
//
// Only a failing test reaches that t.Fatal, so this one is reported with
// -testcleanup.failpath. The fix registers `t.Cleanup(srv.Close)` right
// after creation.
//
// 2. A helper that defers the release of what it hands out, at the
// defer: the helper returns (or stores, or sends) the resource, its URL
// or client, a transaction or wrapper built on it, a context derived
// from the one it cancels, or a path under the directory it removes, and
// the defer kills it as the helper returns. Data copied out of the
// resource is fine. The fix turns `defer srv.Close()` into
// `t.Cleanup(srv.Close)`, and os.MkdirTemp with `defer os.RemoveAll` into
// t.TempDir().
//
// 3. A test that defers a release and starts subtests that call
// t.Parallel and use the resource, at the defer: parallel subtests resume
// only after their parent's function has returned and its deferred calls
// have run. t.Cleanup waits for them; so does a sequential group subtest.
//
// 4. A TestMain that defers a teardown and ends with os.Exit(m.Run()) (or
// log.Fatal after m.Run), at the defer: os.Exit does not run deferred
// calls. The fix rewrites it to `code := m.Run(); teardown(); os.Exit(code)`.
// A TestMain that returns is fine.
//
// 5. A goroutine that outlives its test, at the go statement: the test
// does not wait for it (sync.WaitGroup.Wait, a receive from a channel it
// sends on or closes, a wait registered with defer or t.Cleanup) on a
// path on which the test returns or is skipped, and the goroutine either
// uses t (t.Log after the test has completed panics) or loops with no
// stop tied to the test (t.Context(), a context cancelled or a channel
// closed by the test). Goroutines inside a synctest bubble are waited
// for by the bubble. Paths on which the test fails are not followed. A
// loop that receives once per turn (`for i := 0; i < n; i++ { <-done }`)
// waits for goroutines a loop started. So do a WaitGroup or done channel
// handed to a helper and waited on by its owner on every path; a done
// channel a helper returns, for the callers that receive from it (or hand
// it on) on every path, while a caller that drops it is reported; a grpc
// Server's Stop or GracefulStop for the goroutine running its Serve, and
// a channel wrapper's method that receives on the field the goroutine's
// last act sends on or closes. A goroutine that uses t only to report a
// failure (t.Error, t.Fatal, testify checks), runs no server and cannot
// be made to fail by the test's own end (a Close, cancel or Stop of what
// it reads from) reports into a finished test only when the test is
// already failing: a fail path, reported only with -testcleanup.failpath.
// A wait the test's end does wake counts only where the goroutine, woken
// that way, can still reach a report: an Accept whose error on the
// closed listener returns silently, a call handed the cancelled context
// whose report sits on its success (`if err == nil`) or on errors other
// than context.Canceled (errors.Is, or codes.Canceled for a gRPC client
// method), a select whose ctx.Done() case returns. A context with a
// deadline that the test waits out (it receives from its Done channel on
// every passing path, and cancels it only in a defer or t.Cleanup) ends
// the goroutine's calls with context.DeadlineExceeded instead: a poller
// that tolerates that error is a fail path too. A single Accept on a listener nobody
// closes waits for a client, not on a peer; an accept loop serves every
// client that comes, after the test too, and is not a fail path. A
// helper of the package is judged by what its body waits on, not by its
// name (a WaitForOutput that polls a buffer).
// Stranded goroutines are reported there too: the goroutine sends on (or
// receives from) a channel the test made, and the test can return without
// the matching operation (a ctx.Done() or time.After case that returns,
// an early return before the receive), so the goroutine blocks forever.
// A way out on which the test has already reported a failure (t.Error
// before the return) is a fail path: reported only with
// -testcleanup.failpath, with Category fail-path.
//
// Signalled is not stopped: a goroutine that loops until the test or
// fixture signals it (a cancel or close in t.Cleanup or a defer) and that
// nothing waits for is reported at the go statement when it uses a path
// under the test's t.TempDir(): the test ends and removes the directory
// while the goroutine may still be writing there. Waiting where it is
// stopped (`cancel(); <-done`, wg.Wait(), errgroup's Wait) is silent.
//
// Process lifetime: a resource acquired in main.main, in an init function
// of any package (package-level initialisers included), in a
// sync.Once.Do, OnceFunc, OnceValue or OnceValues body, in a test
// binary's TestMain, or in a closure or unexported function only they
// call lives as long as the process and is not reported, unless the next
// iteration of a loop replaces it (those pile up), or it is a temporary
// directory, which stays on disk after the process. For the same reason
// rule 4 does not report a deferred Close, Stop, Wait or Rollback of a
// standard-library resource TestMain acquired (`defer db.Close()`): the
// process's exit releases it anyway.
//
// Each diagnostic's Category says on which kind of path the test leaks:
// normal (a path on which the test passes), error-path (a helper's return
// of a non-nil error), fail-path (only where the test has already failed;
// with -testcleanup.failpath) or loop (one resource per b.N or b.Loop()
// iteration, or a defer inside such a loop).
//
// Silence one report with `//leakvet:ignore testcleanup <reason>` on its
// line or the line above.
package testcleanup
