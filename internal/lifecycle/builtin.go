package lifecycle

import (
	"github.com/leakvet/leakvet/internal/facts"
)

// Built-in summaries for functions whose bodies the engine does not
// analyse: the standard library (never built into SSA, for speed) and a few
// well-known third-party test helpers matched by package path.
//
// A standard-library function that is absent here gets the default
// summary: it borrows its arguments, calls its function arguments, and its
// results may wrap the arguments it was given (bufio.NewReader(f)).

// builtin extends facts.Func with what only built-in entries say.
type builtin struct {
	facts.Func
	// Defers: the function registers its function arguments to run when
	// the test or goroutine ends (t.Cleanup), like a defer.
	Defers bool
	// Wraps: the result forwards Release to the argument it wraps
	// (closing the TLS listener closes the listener it wraps).
	Wraps bool
	// Lends names the function of the same package that stops using
	// the arguments (StopCPUProfile): until it is called they are in
	// use, so the function borrows them only where the caller also
	// calls that one, and takes them otherwise.
	Lends string
}

func params(idx ...int) facts.Params {
	var p facts.Params
	for _, i := range idx {
		p = p.With(i)
	}
	return p
}

var builtins = func() map[FuncKey]builtin {
	m := make(map[FuncKey]builtin)
	set := func(b builtin, pkg, recv string, names ...string) {
		for _, n := range names {
			m[FuncKey{Pkg: pkg, Recv: recv, Name: n}] = b
		}
	}
	noReturn := builtin{Func: facts.Func{NoReturn: true}}
	set(noReturn, "os", "", "Exit")
	set(noReturn, "syscall", "", "Exit")
	set(noReturn, "log", "", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln")
	set(noReturn, "log", "Logger", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln")

	failNow := builtin{Func: facts.Func{MayFailNow: true, FailsNow: true}}
	set(failNow, "runtime", "", "Goexit")
	for _, recv := range []string{"common", "TB", "T", "B", "F"} {
		set(failNow, "testing", recv, "FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf")
	}
	cleanup := builtin{Func: facts.Func{Calls: params(1), Closes: params(1)}, Defers: true}
	for _, recv := range []string{"common", "TB", "T", "B", "F"} {
		set(cleanup, "testing", recv, "Cleanup")
	}

	takes := func(idx ...int) builtin { return builtin{Func: facts.Func{Takes: params(idx...)}} }
	set(takes(0), "net/http", "", "Serve", "ServeTLS")
	set(takes(1), "net/http", "Server", "Serve", "ServeTLS")
	set(takes(0), "runtime", "", "SetFinalizer", "AddCleanup")
	// Profiles and traces write to the file they are given until they
	// are stopped. In a function that also stops them they only borrow
	// it (its owner still closes it); otherwise the profile runs on,
	// often for the life of the process, and keeps it.
	set(builtin{Lends: "StopCPUProfile"}, "runtime/pprof", "", "StartCPUProfile")
	set(builtin{Lends: "Stop"}, "runtime/trace", "", "Start")
	// A logger's output lives as long as the logger, often the process.
	set(takes(0), "log", "", "SetOutput")
	set(takes(1), "log", "Logger", "SetOutput")
	set(takes(1, 2), "sync", "Map", "Store", "LoadOrStore", "Swap", "CompareAndSwap")
	set(takes(1), "sync", "Pool", "Put")
	set(takes(1), "sync/atomic", "Value", "Store", "Swap", "CompareAndSwap")
	set(takes(1), "sync/atomic", "Pointer", "Store", "Swap", "CompareAndSwap")
	set(takes(1), "container/list", "List", "PushBack", "PushFront", "InsertBefore", "InsertAfter")
	set(takes(1), "container/heap", "", "Push")

	closes := func(idx ...int) builtin { return builtin{Func: facts.Func{Closes: params(idx...)}} }
	// The client closes the request body it sends, even on error.
	set(closes(1), "net/http", "Client", "Do")
	set(closes(3), "net/http", "Client", "Post")
	set(closes(2), "net/http", "", "Post")
	set(closes(1), "net/http", "Transport", "RoundTrip")
	// An SMTP client's Quit ends the session and closes the connection
	// it wraps, like its Close.
	set(closes(0), "net/smtp", "Client", "Close", "Quit")

	// A transaction-specific statement is a new one, released by the
	// transaction: the statement it was made from is only borrowed.
	set(builtin{}, "database/sql", "Tx", "Stmt", "StmtContext")

	wraps := builtin{Func: facts.Func{Returns: params(0)}, Wraps: true}
	set(wraps, "crypto/tls", "", "Client", "Server", "NewListener")
	set(wraps, "net/textproto", "", "NewConn")
	set(wraps, "net/smtp", "", "NewClient")

	// testify's require ends the test on failure; NoError does so exactly
	// when its error argument is non-nil.
	const require = "github.com/stretchr/testify/require"
	failOnErr := builtin{Func: facts.Func{MayFailNow: true, FailsOnErr: params(1)}}
	set(failOnErr, require, "", "NoError", "NoErrorf")
	set(failOnErr, require, "Assertions", "NoError", "NoErrorf")
	return m
}()

// lookupBuiltin returns the built-in summary of fn, if any. Every function
// of testify's require package may end the test.
func lookupBuiltin(key FuncKey) (builtin, bool) {
	if b, ok := builtins[key]; ok {
		return b, true
	}
	if key.Pkg == "github.com/stretchr/testify/require" && key.Name != "New" {
		return builtin{Func: facts.Func{MayFailNow: true}}, true
	}
	return builtin{}, false
}
