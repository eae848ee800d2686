package facts

import (
	"fmt"
	"strings"
)

// StopMode says how a function waits on a parameter that is a stop
// source.
type StopMode uint8

const (
	// StopCtx: the parameter is a context; the wait ends when it is
	// cancelled.
	StopCtx StopMode = 1 << iota
	// StopRecv: the parameter is a channel; the wait ends when a value
	// is sent on it or it is closed.
	StopRecv
	// StopClose: the parameter is a channel; the wait ends only when it
	// is closed (range, or a receive whose ok result is tested).
	StopClose
	// StopSend: the parameter is a channel the function sends on; the
	// wait ends when something receives.
	StopSend
)

// String names the modes, e.g. "ctx" or "recv|close".
func (m StopMode) String() string {
	var parts []string
	for _, x := range []struct {
		m    StopMode
		name string
	}{{StopCtx, "ctx"}, {StopRecv, "recv"}, {StopClose, "close"}, {StopSend, "send"}} {
		if m&x.m != 0 {
			parts = append(parts, x.name)
		}
	}
	return strings.Join(parts, "|")
}

// StopParam is a parameter that a function waits on, and how.
type StopParam struct {
	Index int
	Mode  StopMode
}

// StopSet is one way a function may never return: if every parameter of
// Params is a dead stop source (a context nothing cancels, a channel
// nothing closes), the function blocks or loops forever at Where.
type StopSet struct {
	Params []StopParam
	// Where describes the wait, e.g. "loops at worker.go:12 until ctx
	// is done".
	Where string
}

// Stop summarises how a function, once running (as a goroutine or
// called from one), can be made to return. It is exported on functions
// that may wait forever: Never when nothing can stop them, Only when only
// some of their parameters can (ObservesCtx(i) for a context parameter).
type Stop struct {
	// Never, when set, says why the function may never return whatever
	// its arguments: "the loop at worker.go:12 has no exit".
	Never string
	// Only lists the parameter sets whose death makes it wait forever.
	Only []StopSet
}

// AFact marks Stop as an analysis fact.
func (*Stop) AFact() {}

// String renders the fact compactly for `// want name:"..."` comments:
// "NeverStops" or "StopsOnlyOn(0:ctx)" (several sets separated by
// spaces, parameters of one set by commas).
func (s *Stop) String() string {
	var parts []string
	if s.Never != "" {
		parts = append(parts, "NeverStops")
	}
	for _, set := range s.Only {
		var ps []string
		for _, p := range set.Params {
			ps = append(ps, fmt.Sprintf("%d:%s", p.Index, p.Mode))
		}
		parts = append(parts, "StopsOnlyOn("+strings.Join(ps, ",")+")")
	}
	return strings.Join(parts, " ")
}

// ChanNeverClosed is an object fact on an unexported struct field or
// package variable of channel type: nothing in its package closes the
// channels it holds, and every channel stored in it was made there. Its
// receivers can only end by receiving a value.
type ChanNeverClosed struct {
	// NeverSent: nothing in the package sends on it either, so a receive
	// from it never completes.
	NeverSent bool
}

// AFact marks ChanNeverClosed as an analysis fact.
func (*ChanNeverClosed) AFact() {}

// String renders the fact: "ChanNeverClosed" or "ChanNeverClosed NeverSent".
func (c *ChanNeverClosed) String() string {
	if c.NeverSent {
		return "ChanNeverClosed NeverSent"
	}
	return "ChanNeverClosed"
}
