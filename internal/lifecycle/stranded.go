package lifecycle

import "golang.org/x/tools/go/ssa"

// FailsTestOnWayTo reports whether the straight-line code that leads to
// exit (its block, and the blocks before it that have a single
// predecessor, back to the branch that chose this way) reports a test
// failure: t.Error, t.Errorf or t.Fail (and their B, F and TB forms), or
// testify's assert.Fail (reportsFailure, testfailed.go). A
// test that returns there has failed already, so what it abandons on
// that way is a fail-path leak.
func (r *Result) FailsTestOnWayTo(exit ssa.Instruction) bool {
	b := exit.Block()
	end := indexOf(b, exit)
	for depth := 0; b != nil && depth < 16; depth++ {
		for i, instr := range b.Instrs {
			if end >= 0 && i >= end {
				break
			}
			if call, ok := instr.(*ssa.Call); ok && reportsFailure(call.Common()) {
				return true
			}
		}
		if len(b.Preds) != 1 {
			return false
		}
		b, end = b.Preds[0], -1
		if len(b.Succs) != 1 {
			// The branch that chose this way: its own code runs on
			// the other ways too, so it does not count.
			return false
		}
	}
	return false
}
