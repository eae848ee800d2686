package testcleanup

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// Clause 3: a test defers a release and starts subtests that call
// t.Parallel and use the resource. A parallel subtest pauses until its
// parent's function returns, so the parent's deferred calls have already
// run when it resumes; t.Cleanup waits for the subtests.

func (c *checker) parallelSubtests(fn *ssa.Function, drs []lifecycle.DeferredRelease) {
	if len(drs) == 0 {
		return
	}
	runs := parallelRuns(fn)
	if len(runs) == 0 {
		return
	}
	for _, dr := range drs {
		if !dr.Always {
			continue
		}
		deps := c.res.Dependents(fn, dr.Root, dr.Kind)
		for _, run := range runs {
			if !deps.Has(run.body) {
				continue
			}
			c.reportParallel(fn, dr, run)
			break
		}
	}
}

// parallelRun is a t.Run call whose body calls t.Parallel.
type parallelRun struct {
	call *ssa.Call
	body ssa.Value // the function literal (a closure) passed to t.Run
}

// parallelRuns lists fn's t.Run calls whose body calls t.Parallel on its
// own *testing.T.
func parallelRuns(fn *ssa.Function) []parallelRun {
	var out []parallelRun
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !isTRun(call.Common()) || len(call.Common().Args) < 3 {
				continue
			}
			arg := call.Common().Args[2]
			var body *ssa.Function
			switch f := arg.(type) {
			case *ssa.MakeClosure:
				body, _ = f.Fn.(*ssa.Function)
			case *ssa.Function:
				body = f
			}
			if body != nil && callsParallel(body) {
				out = append(out, parallelRun{call: call, body: arg})
			}
		}
	}
	return out
}

// isTRun reports whether c is (*testing.T).Run.
func isTRun(c *ssa.CallCommon) bool {
	callee := c.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil {
		return false
	}
	key, ok := lifecycle.TypeKeyOf(callee.Signature.Recv().Type())
	return ok && key == lifecycle.TypeKey{Pkg: "testing", Name: "T"} && callee.Name() == "Run"
}

// callsParallel reports whether body calls Parallel on its *testing.T
// parameter.
func callsParallel(body *ssa.Function) bool {
	if len(body.Params) == 0 {
		return false
	}
	t := body.Params[0]
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee != nil && callee.Name() == "Parallel" && len(call.Common().Args) == 1 && call.Common().Args[0] == t {
				return true
			}
		}
	}
	return false
}

func (c *checker) reportParallel(fn *ssa.Function, dr lifecycle.DeferredRelease, run parallelRun) {
	d := analysis.Diagnostic{Pos: dr.Defer.Pos(), End: dr.Defer.Pos()}
	if st := c.stmtOf(dr.Defer); st != nil {
		d.Pos, d.End = st.Pos(), st.End()
	}
	fix, fixText := c.helperFix(fn, dr)
	hint := "register it with t.Cleanup, which runs after the subtests"
	switch {
	case strings.Contains(fixText, "TempDir"):
		hint = fixText
	case fixText != "":
		hint = fixText + ": t.Cleanup runs after the subtests"
	}
	d.Message = fmt.Sprintf("%s runs when %s returns, before its parallel subtest (line %d) resumes and uses what it releases; %s",
		c.deferText(dr.Defer), funcName(fn), c.line(run.call.Pos()), hint)
	d.Related = []analysis.RelatedInformation{{Pos: run.call.Pos(), Message: "this subtest calls t.Parallel: it runs after the parent's deferred calls"}}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}
