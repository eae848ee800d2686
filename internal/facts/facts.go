// Package facts defines the analysis facts that leakvet's engine exports
// for the functions of each package it analyses, so that callers in other
// packages understand a helper without seeing its body.
//
// The facts are gob-encoded by the analysis driver; keep them plain data.
package facts

import (
	"fmt"
	"slices"
	"strings"
)

// Params is a set of parameter indices, one bit per index. Indices follow
// go/ssa: for a method, index 0 is the receiver. Parameters beyond the 64th
// are not represented.
type Params uint64

// Has reports whether index i is in the set.
func (p Params) Has(i int) bool { return i >= 0 && i < 64 && p&(1<<uint(i)) != 0 }

// With returns the set with index i added.
func (p Params) With(i int) Params {
	if i < 0 || i >= 64 {
		return p
	}
	return p | 1<<uint(i)
}

// String lists the indices, e.g. "0,2".
func (p Params) String() string {
	var parts []string
	for i := 0; i < 64; i++ {
		if p.Has(i) {
			parts = append(parts, fmt.Sprint(i))
		}
	}
	return strings.Join(parts, ",")
}

// Owned describes a result of a function that is a fresh resource the
// caller must release.
type Owned struct {
	// Result is the index of the result in the function's result tuple.
	Result int
	// Kind names the resource kind in the resource table, or is empty for
	// a value released by calling one of Methods on it.
	Kind string
	// Methods are the release methods when Kind is empty.
	Methods []string
}

// Func summarises what a function does with its parameters and results.
// It is exported on the function's *types.Func (the generic origin for
// generic functions) when any field is set.
type Func struct {
	// Closes holds the parameters the function releases (or whose
	// contents it releases) on some path: ClosesParam(i).
	Closes Params
	// Takes holds the parameters whose ownership the function takes on
	// some path: it stores them beyond the call, sends them on a channel,
	// hands them to a goroutine or to code it cannot see: TakesOwnership(i).
	Takes Params
	// Calls holds the function-typed parameters the function calls, now
	// or later (CallsParam(i)); a subset of Closes for func parameters.
	Calls Params
	// Returns holds the parameters that may flow to a result: the caller
	// must treat the result as the same value (a generic must-helper).
	Returns Params
	// Owned lists results that are fresh resources: ReturnsOwned.
	Owned []Owned
	// NoReturn: the function never returns normally (it exits the
	// process or panics on every path).
	NoReturn bool
	// MayFailNow: the function may end the calling test's goroutine
	// (t.FailNow and friends) on some path.
	MayFailNow bool
	// FailsNow: the function ends the calling goroutine (runtime.Goexit,
	// through t.FailNow and friends) on every path that does not panic.
	FailsNow bool
	// FailsOnErr holds the error parameters for which a non-nil value
	// means the function does not return normally (a must/check helper).
	FailsOnErr Params
	// DropsOnErr holds the parameters of Closes or Takes that a path
	// returning a non-nil error neither releases nor keeps (a
	// constructor that gives up without closing what it was given): the
	// caller still owes them where the call's error is non-nil.
	DropsOnErr Params
	// ReturnsCalled holds the function parameters whose call results the
	// function returns, result for result (a generic helper
	// `Open[T](open func() (T, error)) (T, error)`): what the argument
	// returns fresh, the call returns fresh.
	ReturnsCalled Params
	// PipeResults holds result indices (not parameters) that never hold a
	// connection the caller must close: a net.Conn that every return
	// fills with nil or an end of a net.Pipe (in memory: no descriptor,
	// no goroutine), or a dialer (a func value returning a net.Conn)
	// whose connections are all such.
	PipeResults Params
	// KeepsInRecv holds the parameters of a method that it keeps only
	// in its receiver's fields (a parser's Parse(r) keeping r): a subset
	// of Takes. Where the receiver is a local value of the caller, the
	// receiver is their keeper, and dies with it.
	KeepsInRecv Params
	// PairedErr holds the parameters of DropsOnErr that the function
	// drops only where one of its error parameters is non-nil (a
	// constructor taking a call's (resp, err) as they come): passed
	// together with their own error, they are not dropped there.
	PairedErr Params
	// Drains holds the parameters (readers) the function reads to their
	// end on every path that returns: it passes them to io.Copy or
	// io.ReadAll, or to a function that Drains them, before returning.
	// A caller's pipe reader so drained leaves no writer blocked.
	Drains Params
}

// AFact marks Func as an analysis fact.
func (*Func) AFact() {}

// Empty reports whether the summary says nothing.
func (f *Func) Empty() bool {
	return f.Closes == 0 && f.Takes == 0 && f.Calls == 0 && f.Returns == 0 &&
		len(f.Owned) == 0 && !f.NoReturn && !f.MayFailNow && !f.FailsNow && f.FailsOnErr == 0 && f.DropsOnErr == 0 && f.ReturnsCalled == 0 && f.PipeResults == 0 && f.KeepsInRecv == 0 && f.PairedErr == 0 && f.Drains == 0
}

// String renders the fact compactly; analysistest matches it in
// `// want name:"..."` comments.
func (f *Func) String() string {
	var parts []string
	add := func(name string, p Params) {
		if p != 0 {
			parts = append(parts, fmt.Sprintf("%s(%s)", name, p))
		}
	}
	add("ClosesParam", f.Closes)
	add("TakesOwnership", f.Takes)
	add("CallsParam", f.Calls)
	add("ReturnsParam", f.Returns)
	for _, o := range f.Owned {
		what := o.Kind
		if what == "" {
			what = strings.Join(o.Methods, "|")
		}
		parts = append(parts, fmt.Sprintf("ReturnsOwned(%d:%s)", o.Result, what))
	}
	if f.NoReturn {
		parts = append(parts, "NoReturn")
	}
	if f.MayFailNow {
		parts = append(parts, "MayFailNow")
	}
	if f.FailsNow {
		parts = append(parts, "FailsNow")
	}
	add("FailsOnErr", f.FailsOnErr)
	add("DropsOnErr", f.DropsOnErr)
	add("ReturnsCalled", f.ReturnsCalled)
	add("PipeResults", f.PipeResults)
	add("KeepsInReceiver", f.KeepsInRecv)
	add("PairedErr", f.PairedErr)
	add("DrainsParam", f.Drains)
	return strings.Join(parts, " ")
}

// Analyzed is a package fact: the engine built and summarised this
// package, so a function of it without a Func fact does nothing with its
// arguments that a caller must know about, unless it is declared in one
// of the Unsummarised files.
type Analyzed struct {
	// Unsummarised names, by base name, the package's files whose
	// function bodies the engine left unsummarised (generated files of a
	// dependency analysed only for its facts): their functions are
	// unknown to callers, as those of a package never analysed.
	Unsummarised []string
}

// AFact marks Analyzed as an analysis fact.
func (*Analyzed) AFact() {}

// String names the fact, and the unsummarised files if any:
// "Analyzed" or "Analyzed unsummarised(a.pb.go,b.pb.go)".
func (a *Analyzed) String() string {
	if len(a.Unsummarised) == 0 {
		return "Analyzed"
	}
	return "Analyzed unsummarised(" + strings.Join(a.Unsummarised, ",") + ")"
}

// Summarised reports whether the functions declared in the file of this
// base name were summarised.
func (a *Analyzed) Summarised(base string) bool {
	return !slices.Contains(a.Unsummarised, base)
}
