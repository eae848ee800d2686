// Package clientreuse defines an Analyzer that reports connection pools
// built per request or per loop iteration.
//
// # Analyzer clientreuse
//
// Report connection pools built per request or per loop iteration.
//
// An HTTP transport, a database pool, a gRPC or Redis client owns a pool of
// connections and the goroutines that serve them. Built once and shared it
// is cheap; built on every request it is the most expensive leak of a Go
// service: thousands of idle connections and goroutines, "too many open
// files", "too many connections", and a fresh TCP and TLS handshake per
// request even when the pool is closed again.
//
// Expensive: &http.Transport{...}, new(http.Transport),
// (*http.Transport).Clone (also http.DefaultTransport.(*http.Transport).Clone()),
// sql.Open, sql.OpenDB, grpc.Dial, grpc.DialContext, grpc.NewClient, go-redis
// NewClient, NewClusterClient, NewUniversalClient, NewFailoverClient and
// NewRing, pgxpool.New, pgx.Connect, sqlx Open, Connect and MustOpen, and
// gorm.Open; and any function, in this package or another, that builds one
// and drops it or returns it. Cheap, never reported: &http.Client{} or
// &http.Client{Timeout: d} with no transport or a shared one, net.Dialer,
// tls.Config, requests.
//
// clientreuse reports the expression that builds the pool (the transport
// literal, not the client literal around it; the call of a helper from
// another package, or of one that returns the pool) when it runs
//   - in a function reachable from a per-request entry: an
//     http.HandlerFunc, a ServeHTTP method, a function registered as an
//     http.Handler, a method of a gRPC service implementation, a gin, echo,
//     fiber or httprouter handler, following calls and closures; the
//     related positions show the call path; or
//   - inside a loop of its function (or the body of a range-over-func
//     loop); a helper that builds a pool per call and is called in a loop
//     is reported at that call,
//
// and the pool does not outlive one repetition: it is not stored in a
// global, a field of a long-lived object, a map or cache, not created by a
// sync.Once or sync.OnceValue initialiser, not returned, not carried to the
// next iteration or used after the loop, and not handed to a goroutine
// started by the loop. So construction in main, init and constructors that
// store the pool, startup loops that store one client per backend, and
// per-target caches stay silent. So does a pool that is only a default the
// caller's own replaces (`if opts.Transport != nil { tr = opts.Transport }`)
// and a transport used only as the template of Clone. A helper that builds
// a pool only in some configurations (a phi with a shared client) is
// reported where it runs per repetition, but its callers are not.
//
//	func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
//		client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}} // reported
//		resp, err := client.Get(s.upstream)
//		...
//	}
//
// The message says whether the pool leaks (it is never closed, so pools
// pile up with traffic) or churns (it is closed each time, so every request
// pays for new connections). Fix: build it once and reuse it, in a field
// set by the constructor or a package-level variable (before the loop, for
// a loop).
//
// A pool built per request or per iteration is clientreuse's to report
// whether or not it is closed: unclosed leaves it alone.
//
// Loops in tests repeat too. In a loop of a test function, clientreuse
// reports a call of a function that builds and drops a pool on every call
// (a client whose Send makes a new transport: the fix is in that
// function), and a pool built in the loop that the iteration does not
// shut down. A pool each iteration builds and closes is a fresh fixture
// per case, also when the test's own code builds and closes it in a
// goroutine the loop starts or in a test helper (a test of N concurrent
// handshakes, or of per-connection cleanup); a library function that
// does so on every call is still reported. A database (sql.Open) built in a test is a test resource:
// testcleanup reports those. Handlers declared in _test.go files are not
// per-request entries.
//
// The -clientreuse.constructors flag adds expensive constructors, as a
// comma-separated list of importpath.Func, importpath.Type.Method (calls
// returning the pool first) or importpath.Type{} (allocating the type
// builds one), each optionally followed by :Release[|Release], the methods
// that shut it down (default Close):
//
//	-clientreuse.constructors='example.com/cache.Dial,example.com/mq.Pool{}:Shutdown'
//
// The -clientreuse.entries flag adds per-request entry types, as a
// comma-separated list of importpath.Type: a function with the signature of
// a named function type, or one taking a parameter of another type, runs
// per request:
//
//	-clientreuse.entries='example.com/web.HandlerFunc,example.com/rpc.Call'
//
// Each diagnostic's Category says how often the pool is built:
// per-request (reachable from a per-request entry) or loop (once per
// iteration of a loop).
//
// Silence one report with `//leakvet:ignore clientreuse <reason>` on its line
// or the line above.
package clientreuse
