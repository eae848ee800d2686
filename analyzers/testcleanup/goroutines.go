package testcleanup

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// Clause 5: a goroutine started in a test that is not waited for on
// every path before the test ends, and that either uses t (t.Log after
// the test has completed panics) or loops with no stop tied to the test.
// A goroutine whose every use of t reports a failure that the test's own
// teardown cannot provoke reaches t late only in a failing test: a fail
// path, reported only under -testcleanup.failpath.

func (c *checker) goroutines(fn *ssa.Function) {
	if c.res.ProcessLifetime(fn) {
		return // a daemon shared by the test binary (a sync.Once body)
	}
	for _, g := range c.res.TestGoroutines(fn) {
		if g.Bubbled || g.Unjoined == nil {
			continue
		}
		d := analysis.Diagnostic{Pos: g.Go.Pos(), End: g.Go.Pos()}
		wait := " on the path that " + c.unjoinedPhrase(fn, g.Unjoined)
		if g.DroppedAt != nil {
			wait = ": " + c.droppedPhrase(fn, g)
		}
		switch {
		case g.UsesT != nil:
			if g.FailOnlyT {
				// It only reports failures, and nothing the test's end
				// does provokes one: it reaches a finished test only
				// when the test fails.
				if !failPath {
					continue
				}
				d.Category = report.CategoryFailPath
			}
			use := "uses t"
			if call, _ := report.CallAt(c.pass, g.UsesT.Pos()); call != nil && g.UsesT != ssa.Instruction(g.Go) {
				use = fmt.Sprintf("calls %s", report.Text(call.Fun))
			}
			d.Message = fmt.Sprintf("goroutine %s but the %s does not wait for it%s: after the test completes that panics or reports into another test; wait for it (sync.WaitGroup, a done channel) before returning, or send its errors back on a channel",
				use, testNoun(fn), wait)
			if g.UsesT.Pos().IsValid() && g.UsesT != ssa.Instruction(g.Go) {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: g.UsesT.Pos(), Message: "uses the test's t here"})
			}
		case g.Endless != nil:
			d.Message = fmt.Sprintf("goroutine loops with nothing tied to the %s to stop it, and the %s does not wait for it%s: it outlives the %s; stop it with t.Context() or a channel closed in t.Cleanup, and wait for it there",
				testNoun(fn), testNoun(fn), wait, testNoun(fn))
			if pos := loopPos(g.Endless); pos.IsValid() {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: "this loop has no exit a test stop can trigger"})
			}
		case g.TempDirUse != nil:
			d.Message = fmt.Sprintf("goroutine uses a path under the %s's t.TempDir() and is only signalled to stop, never waited for: the %s does not wait for it%s, so it may still run when the %s ends and its directory is removed; wait for it where it is stopped (cancel(); <-done, or wg.Wait() in the cleanup)",
				testNoun(fn), testNoun(fn), wait, testNoun(fn))
			if pos := g.TempDirUse.Pos(); pos.IsValid() {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: "uses a path under t.TempDir() here"})
			}
		default:
			continue
		}
		if g.DroppedAt != nil {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: g.DroppedAt.Pos(), Message: "the channel that would wait for it is returned here"})
			if g.DroppedExit != nil {
				if pos := report.ExitPos(g.DroppedExit); pos.IsValid() {
					d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: "the test may end here while the goroutine runs"})
				}
			}
		} else if pos := report.ExitPos(g.Unjoined); pos.IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: "the test may end here while the goroutine runs"})
		}
		c.rep.Report(d)
	}
}

// unjoinedPhrase describes where the starting function ends without
// waiting: "returns at line 12" or "ends the test at line 9 (t.Fatal)".
func (c *checker) unjoinedPhrase(fn *ssa.Function, exit ssa.Instruction) string {
	if _, ok := exit.(*ssa.Return); ok {
		if pos := report.ExitPos(exit); pos.IsValid() {
			return fmt.Sprintf("returns at line %d", c.line(pos))
		}
		return "returns"
	}
	return fmt.Sprintf("ends the test at line %d (%s)", c.line(exit.Pos()), c.exitCallText(exit))
}

// droppedPhrase says which caller of fn does not wait on the done
// channel fn returns: "TestX drops the channel start returns at line 12",
// or "TestX does not receive from the channel start returns on the path
// that returns at line 15".
func (c *checker) droppedPhrase(fn *ssa.Function, g *lifecycle.TestGoroutine) string {
	caller := funcName(g.DroppedAt.Parent())
	if g.DroppedExit == nil {
		return fmt.Sprintf("%s drops the channel %s returns at line %d", caller, funcName(fn), c.line(g.DroppedAt.Pos()))
	}
	return fmt.Sprintf("%s does not receive from the channel %s returns on the path that %s", caller, funcName(fn), c.unjoinedPhrase(g.DroppedAt.Parent(), g.DroppedExit))
}

// loopPos is a position inside a loop block, for messages.
func loopPos(b *ssa.BasicBlock) token.Pos {
	for _, instr := range b.Instrs {
		if instr.Pos().IsValid() {
			return instr.Pos()
		}
	}
	return token.NoPos
}
