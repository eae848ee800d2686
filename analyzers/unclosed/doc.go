// Package unclosed defines an Analyzer that reports resources that are not
// released on every path.
//
// # Analyzer unclosed
//
// Report resources that are not released on every path.
//
// A resource is a value with a release obligation: an *http.Response from
// any call returning (*http.Response, error), whatever the function or
// interface method is called (resp.Body.Close), *sql.Rows, *sql.Stmt and
// *sql.Conn (Close), a *sql.Tx (Commit or Rollback), *os.File (both ends
// of os.Pipe, the descriptor File() dups from a connection or listener),
// an http.File, net connections and listeners (also from a dialer func
// value), httptest servers, a *sql.DB from sql.Open, a started *exec.Cmd
// (Wait), timers and tickers in modules older than go1.23 (Stop), and
// whatever a function in this or another package returns fresh (it is
// understood through facts). Rows are released when Next returns false,
// so a for rows.Next() loop with no other way out releases them.
//
// unclosed reports the acquiring call when a path from the point where the
// resource is valid (after `if err != nil` on its error) reaches a return,
// or the next iteration of the loop that acquired it, with the resource
// neither released nor handed on. It also reports `defer x.Close()` inside
// a loop, which keeps every iteration's resource open until the function
// returns.
//
// The obligation moves, and unclosed stays silent, when the value is
// returned, stored in a field, global, map or slice that outlives the
// function, sent on a channel, captured by a closure or goroutine that
// closes it, registered with t.Cleanup, or passed to a function, in this
// package or another, that closes it or keeps it. A response returned
// to this function with a non-nil error, and paths that end in panic or
// os.Exit, owe nothing; a function that returns a resource together with
// a non-nil error of its own leaks it, since callers that check the error
// drop it.
//
//	resp, err := http.Get(url)
//	if err != nil {
//		return err
//	}
//	if resp.StatusCode != http.StatusOK {
//		return fmt.Errorf("status %s", resp.Status) // resp.Body leaks here
//	}
//	defer resp.Body.Close()
//
// When the value does not escape, the report carries a suggested fix that
// inserts `defer resp.Body.Close()` (`defer tx.Rollback()` for a
// transaction) right after the error check.
//
// Inside tests (Test, Benchmark and Fuzz functions, t.Run bodies and
// helpers taking a *testing.T) testcleanup reports instead; connection
// pools built per request or per loop iteration are clientreuse's.
//
// The -unclosed.types flag adds resource kinds, as a comma-separated list
// of entries `importpath.Type:Release[|Release]=Constructor[|Constructor]`
// where each constructor is `importpath.Func` or `importpath.Type.Method`
// returning the resource first, for example
//
//	-unclosed.types='example.com/store.Conn:Close=example.com/store.Dial|example.com/store.Pool.Get'
//
// Process lifetime: a resource acquired in main.main, in an init function
// of any package (package-level initialisers included), in a
// sync.Once.Do, OnceFunc, OnceValue or OnceValues body, in a test
// binary's TestMain or an Example function (which stands for a program's
// main), or in a closure or unexported function only they call (the
// payload of a test binary that re-executes itself as a child) lives as
// long as the process and is not reported, unless the next iteration of a
// loop replaces it (those pile up).
//
// Each diagnostic's Category says on which kind of path the resource
// leaks: normal (the ordinary path, every time the code runs), error-path
// (only a path that returns a non-nil error) or loop (a defer inside a
// loop, or a resource the next iteration replaces before it is closed).
// A malformed //leakvet:ignore directive is reported with the category
// directive.
//
// Silence one report with `//leakvet:ignore unclosed <reason>` on its line
// or the line above.
package unclosed
