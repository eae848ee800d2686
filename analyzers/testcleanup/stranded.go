package testcleanup

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// Clause 5, stranded: a goroutine the test starts sends its result on (or
// waits on) a channel that the test abandons, through a time.After or
// ctx.Done() case or an early return, so it blocks forever after the
// test has ended. The engine finds the abandoning path as it does for
// gocancel's orphaned channel partners. A path on which the test has
// already reported a failure (t.Error before the return; t.Fatal ends
// the test and is no such path) is a fail path: such goroutines are
// reported only under -testcleanup.failpath, with Category fail-path.

// stranded reports the goroutines fn starts that a path of fn abandons.
func (c *checker) stranded(fn *ssa.Function) {
	if c.orphans == nil {
		c.orphans = make(map[*ssa.Go]*lifecycle.Goroutine)
		for _, g := range c.res.Goroutines() {
			if len(g.Orphans) > 0 {
				c.orphans[g.Go] = g
			}
		}
	}
	reported := make(map[*ssa.Go]bool)
	for _, tg := range c.res.TestGoroutines(fn) {
		if tg.Bubbled || tg.Unjoined != nil && (tg.UsesT != nil && (!tg.FailOnlyT || failPath) || tg.Endless != nil) {
			reported[tg.Go] = true // clause 5 reports it already
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || reported[g] || c.orphans[g] == nil {
				continue
			}
			if o, class := c.abandoningPath(c.orphans[g].Orphans); o != nil {
				d := c.strandedDiagnostic(fn, g, o)
				d.Category = report.CategoryOf(class)
				c.rep.Report(d)
			}
		}
	}
}

// abandoningPath picks the orphan to report among a goroutine's: the
// first one abandoned on a path where the test may pass, or else, under
// -testcleanup.failpath, the first one abandoned where the test has
// already reported a failure. It returns nil when none is to be
// reported.
func (c *checker) abandoningPath(orphans []*lifecycle.Orphan) (*lifecycle.Orphan, lifecycle.PathClass) {
	var failing *lifecycle.Orphan
	for _, o := range orphans {
		if o.NextRound {
			continue
		}
		if o.Send && o.Ops == 0 && o.Cap > 0 {
			// How many sends a loop makes is unknown here
			// (`for i := 0; i < 3; i++` on a channel of 3): the
			// buffer may hold them all.
			continue
		}
		if o.FailOnly || c.res.FailsTestOnWayTo(o.Exit) {
			if failing == nil {
				failing = o
			}
			continue
		}
		return o, lifecycle.PathNormal
	}
	if failing != nil && failPath {
		return failing, lifecycle.PathFail
	}
	return nil, lifecycle.PathNormal
}

func (c *checker) strandedDiagnostic(fn *ssa.Function, g *ssa.Go, o *lifecycle.Orphan) analysis.Diagnostic {
	call, _ := report.CallAt(c.pass, o.Chan.Pos())
	name := report.BoundName(c.pass, call)
	if name == "" {
		name = "the channel"
	}
	at := ""
	exitPos := report.ExitPos(o.Exit)
	if exitPos.IsValid() {
		at = fmt.Sprintf(" at line %d", c.line(exitPos))
	}
	if o.Via != "" {
		at += " (" + o.Via + ")"
	}
	noun := testNoun(fn)
	var msg string
	if o.Send {
		fix := "receive every value before the " + noun + " returns, or buffer the channel for every send"
		if o.Ops == 1 && o.Cap == 0 && call != nil && len(call.Args) == 1 {
			fix = fmt.Sprintf("buffer the channel (make(%s, 1)) so the send completes", report.Text(call.Args[0]))
		}
		msg = fmt.Sprintf("goroutine sends on %s, but the %s can return%s without receiving from it: the send blocks forever and the goroutine outlives the %s; %s",
			name, noun, at, noun, fix)
	} else if closer := report.CallText(c.pass, o.Closer); closer != "" {
		// Only a method of the struct that holds it closes it.
		msg = fmt.Sprintf("goroutine receives from %s, but the %s can return%s without closing it: the receive blocks forever and the goroutine outlives the %s; call %s on every path (defer %s)",
			name, noun, at, noun, closer, closer)
	} else {
		msg = fmt.Sprintf("goroutine receives from %s, but the %s can return%s without sending on it or closing it: the receive blocks forever and the goroutine outlives the %s; close %s on every path (defer close(%s))",
			name, noun, at, noun, name, name)
	}
	d := analysis.Diagnostic{Pos: g.Pos(), End: g.Pos(), Message: msg}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.Chan.Pos(), Message: name + " is made here"})
	if exitPos.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: exitPos, Message: "the " + noun + " returns here and abandons it"})
	}
	return d
}
