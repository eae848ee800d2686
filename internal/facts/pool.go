package facts

import (
	"fmt"
	"strings"
)

// Pool is the ConstructsPool fact: calling the function builds a fresh
// connection pool (an HTTP transport, a database pool, a gRPC or Redis
// client...) that either does not outlive the call or is returned to the
// caller. A caller that runs once per request or per loop iteration builds
// one pool per repetition.
//
// It is exported on the function's *types.Func when Builds is not empty.
type Pool struct {
	Builds []BuiltPool
}

// BuiltPool describes one pool a call builds.
type BuiltPool struct {
	// Result is the index of the result that holds the fresh pool, or -1
	// when the function builds it and drops it before returning.
	Result int
	// Wrapped: the result holds the pool inside another value (a client
	// around a fresh transport) rather than being the pool itself.
	Wrapped bool
	// Noun names the pool in messages ("HTTP transport").
	Noun string
	// Kind is the pool kind's name, to find it in the engine's tables.
	Kind string
	// Release lists the methods that shut the pool down.
	Release []string
	// Via is the expression that builds it, as written in the function
	// or, through a chain of helpers, "helper → sql.Open".
	Via string
	// Where is the base name of the file and the line of that expression.
	Where string
	// Closed: a dropped pool is closed before the function returns (a
	// fresh handshake per call rather than a leak).
	Closed bool
	// PerIteration: a dropped pool is built per iteration of a loop inside
	// the function (or a helper it calls), where it is reported; callers
	// that repeat the call are not reported again.
	PerIteration bool
}

// AFact marks Pool as an analysis fact.
func (*Pool) AFact() {}

// Dropped returns the first pool the function builds and drops, if any.
func (p *Pool) Dropped() (BuiltPool, bool) {
	for _, b := range p.Builds {
		if b.Result < 0 {
			return b, true
		}
	}
	return BuiltPool{}, false
}

// Returned returns the fresh pool held by result i, if any.
func (p *Pool) Returned(i int) (BuiltPool, bool) {
	for _, b := range p.Builds {
		if b.Result == i {
			return b, true
		}
	}
	return BuiltPool{}, false
}

// String renders the fact compactly; analysistest matches it in
// `// want name:"..."` comments.
func (p *Pool) String() string {
	var parts []string
	for _, b := range p.Builds {
		var s string
		if b.Result < 0 {
			fate := "leaked"
			if b.Closed {
				fate = "closed"
			}
			if b.PerIteration {
				fate += " per iteration"
			}
			s = fmt.Sprintf("drops %s from %s, %s", b.Noun, b.Via, fate)
		} else {
			how := ""
			if b.Wrapped {
				how = " wrapped"
			}
			s = fmt.Sprintf("returns%s %s from %s at %d", how, b.Noun, b.Via, b.Result)
		}
		parts = append(parts, s)
	}
	return "ConstructsPool(" + strings.Join(parts, "; ") + ")"
}
