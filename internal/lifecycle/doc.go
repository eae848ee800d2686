// Package lifecycle is leakvet's shared engine. For every package it builds
// SSA once, finds the resources the package acquires, answers "is this
// value released or transferred on every path from where it is valid to
// every exit", and summarises each function for its callers as facts.
//
// The engine knows nothing about diagnostics: analyzers read its Result
// and decide what to report.
//
// # Requiring the engine
//
// An analyzer declares Requires: []*analysis.Analyzer{lifecycle.Analyzer}
// and reads pass.ResultOf[lifecycle.Analyzer].(*lifecycle.Result). It must
// not declare FactTypes of its own: only the engine runs on dependencies,
// so every fact (and the cost of computing it) lives here, once.
//
// # What a Result holds
//
//   - Pkg, Funcs: the package's SSA (built with InstantiateGenerics and
//     BareInits) and its functions with bodies, closures and generic
//     instances included. Nil for standard-library packages, which the
//     engine never builds.
//   - Acquisitions: every call that returns a fresh resource (table
//     constructors, interface methods shaped like them, any method or
//     func value returning (*http.Response, error), a func value
//     returning (net.Conn, error), functions whose summary says
//     ReturnsOwned), each already decided: Events says what happens to
//     it (Release, DeferRelease, Transfer, Return, Borrow, Wrap; a
//     Release may hold on one edge only, as Rows.Next returning false),
//     Leak is the first path that reaches an exit still owing it (or
//     returns it with a non-nil error: LeakReturnedWithError),
//     DeferInLoop lists deferred releases registered inside the acquiring
//     loop. TestContext acquisitions were checked with test exits:
//     t.FailNow and friends, require.*, and functions whose summary says
//     MayFailNow are exits there (LeakAtFailNow), except a call that fails
//     exactly when the acquisition's own error is non-nil. PassingLeak is
//     the first leaking path on which the test may pass (no call on it
//     fails the test; a skip passes it); FailPathOnly says every leaking
//     path is one where the test has already failed.
//   - Summary(fn): what a callee does with its parameters (facts.Func).
//   - IsTestContext(fn), InLoop(instr), IsPerRequestEntry(fn).
//   - For tests: IsTestEntry, IsTestMain, SubtestCall (the t.Run, b.Run,
//     f.Fuzz or synctest call a function literal is the body of),
//     InSynctestBubble, TestingValue (fn's t), IsProcessExit and
//     ExitsAfter (os.Exit and log.Fatal, which skip deferred calls).
//   - DeferredReleases(fn): the defer statements that release something
//     (a resource, or a context through its cancel), and whether they do
//     so on every path of a deferred closure.
//   - Dependents(fn, root, kind): the values that depend on root staying
//     alive (its URL or client, a transaction or wrapper built on it, a
//     derived context, a path under a directory) and where they leave fn.
//   - TestGoroutines(fn): for each go statement of a test, whether fn
//     waits for it on every path, whether it uses the test's t, and
//     whether it loops with no live stop source (stops.go).
//   - Repeated contexts: RequestEntry(fn) (net/http handlers, ServeHTTP,
//     gRPC service methods, the framework types of Entries),
//     PerRequest(fn) (reachable from an entry, with the call path) and
//     Repeats(instr) (in a loop, or the body of a range-over-func loop).
//   - Pools() and PoolAt(instr): the sites that build a connection pool
//     (the Pools table, and calls of helpers whose ConstructsPool fact
//     says they build one), each tracked like a resource to learn whether
//     it is kept, returned, released, or outlives its loop iteration;
//     PerRepetition(site) says whether it is built per request or per
//     iteration (clientreuse's to report, and unclosed's to leave alone).
//   - Goroutines(): every go statement, with Stuck set when the body (its
//     function literal or callee, followed into callees and across
//     packages through facts.Stop) waits forever on dead stop sources, and
//     Orphans listing channel partners the spawning function may return
//     without. Drains(): `if !t.Stop() { <-t.C }` reachable after t.C was
//     received. Both are computed on first use.
//   - Cancel functions (context.With*, signal.NotifyContext) are
//     acquisitions of Call kinds owned by gocancel (Kind.Owner): released
//     by calling them; CancelLost(a) says nothing ever calls one.
//
// # Stop sources
//
// liveness.go classifies a context or channel as live, dead (with the
// reason) or dependent on a parameter; stuck.go prunes a function's CFG of
// the edges and blocking operations that only dead sources could open and
// looks for a reachable point from which no exit is reachable. Named
// functions export facts.Stop (NeverStops, StopsOnlyOn(i:mode)); the
// package's unexported channel fields and variables that nothing closes
// export facts.ChanNeverClosed.
//
// # Dependencies analysed for facts only
//
// When a driver sets FactsOnly (cmd/leakvet does for go vet's VetxOnly
// units: dependencies nothing is reported on), functions declared in
// generated files that no resource can enter or leave (BodyFilter: every
// parameter but the receiver, and every result, is plain data; not
// generic, not init) keep no body for the engine (factsonly.go): no SSA,
// no summary, no fact. facts.Analyzed lists their files, and a caller
// treats such a function as it treats one of a package never analysed
// (nil summary: ownership may move). A package with unread code exports
// no Stop, Spawns or ChanNeverClosed facts, which claim that nothing can
// close or cancel something. The price: a generated method that releases
// what its receiver holds, or a generated function that never returns, is
// unknown to its callers; the gain is most of the cost of protobuf
// messages, Kubernetes API types and parsers.
//
// # Extending the engine
//
// Resource kinds are data (resources.go, Table.Extend; testkinds.go for
// the kinds only tests owe: a kind may be released by a function taking
// it (ReleaseFuncs), acquired through a method's receiver
// (ReceiverResult), or be a string (a directory)), and so are pool
// constructors (pools.go, PoolTable.Extend) and per-request entry types
// (request.go, EntryTable.Extend); built-in
// summaries of standard-library and well-known functions are data
// (builtin.go). New facts go in internal/facts and are registered in
// Analyzer.FactTypes; compute them in run (engine.go) from the same SSA.
// Keep analyzers thin: path and escape questions belong here.
package lifecycle
