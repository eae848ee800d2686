package lifecycle

import (
	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// A helper that reads a reader parameter to its end drains the caller's
// pipe reader as io.Copy does (echo's Context.Stream(code, ctype, r)
// copies r to the response): facts.Func.Drains says so, for callers in
// this package and in others. Only a drain on every path that returns
// counts: a helper that gives up early (an error before the copy) or
// reads a fixed amount leaves the writer blocked.

// drainFuncs are the standard-library calls that read argument Arg of
// Func to its end.
var drainFuncs = []ArgOf{
	{FuncKey{Pkg: "io", Name: "ReadAll"}, 0},
	{FuncKey{Pkg: "io/ioutil", Name: "ReadAll"}, 0},
	{FuncKey{Pkg: "io", Name: "Copy"}, 1},
	{FuncKey{Pkg: "io", Name: "CopyBuffer"}, 1},
}

// drainedParams returns the parameters of fn that it reads to their end
// on every path that returns.
func (e *engine) drainedParams(fn *ssa.Function) facts.Params {
	var out facts.Params
	for i, p := range fn.Params {
		if i >= 64 {
			break
		}
		if drains := e.drainsOf(p); len(drains) > 0 && everyReturnPasses(fn, drains) {
			out = out.With(i)
		}
	}
	return out
}

// drainsOf lists the calls that read parameter p to its end: p, or p
// converted to an interface, passed as the read argument of a drainFuncs
// entry or as a parameter that the callee's summary Drains.
func (e *engine) drainsOf(p *ssa.Parameter) map[ssa.Instruction]bool {
	values := []ssa.Value{p}
	for _, r := range referrers(p) {
		switch conv := r.(type) {
		case *ssa.MakeInterface:
			values = append(values, conv)
		case *ssa.ChangeInterface:
			values = append(values, conv)
		}
	}
	out := make(map[ssa.Instruction]bool)
	for _, v := range values {
		for _, r := range referrers(v) {
			call, ok := r.(*ssa.Call) // not go or defer: now, on this path
			if !ok {
				continue
			}
			for j, arg := range call.Common().Args {
				if arg == v && e.drainsArg(call.Common(), j) {
					out[call] = true
				}
			}
		}
	}
	return out
}

// drainsArg reports whether the call reads its argument j to its end.
func (e *engine) drainsArg(c *ssa.CallCommon, j int) bool {
	if key, ok := calleeKey(c); ok && !c.IsInvoke() {
		for _, d := range drainFuncs {
			if d.Func == key && d.Arg == j {
				return true
			}
		}
	}
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	s := e.summaryOf(callee)
	return s != nil && s.Drains.Has(j)
}

// everyReturnPasses reports whether every path from fn's entry to a
// return passes one of the instructions in through (paths that panic
// need not).
func everyReturnPasses(fn *ssa.Function, through map[ssa.Instruction]bool) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		passed := false
		for _, instr := range b.Instrs {
			if through[instr] {
				passed = true
				break
			}
			if _, ok := instr.(*ssa.Return); ok {
				return false
			}
		}
		if passed {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	return true
}

// drainedByCallee reports whether passing holder h (a kind released by
// reading it to its end) as argument i of callee drains it, by callee's
// summary.
func (t *tracker) drainedByCallee(h *holder, callee *ssa.Function, i int) bool {
	if callee == nil || h.role != roleHandle || h.kind == nil || len(h.kind.Drains) == 0 {
		return false
	}
	s := t.e.summaryOf(callee)
	return s != nil && s.Drains.Has(i)
}
