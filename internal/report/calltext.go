package report

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// CallText renders the call that instr (a call, defer or go statement)
// makes as source, "w.Close()", or returns "" when instr is nil, not a
// call, or its syntax is not found.
func CallText(pass *analysis.Pass, instr ssa.Instruction) string {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ""
	}
	call, _ := CallAt(pass, ci.Common().Pos())
	if call == nil {
		return ""
	}
	return Text(call)
}
