package lifecycle

import "golang.org/x/tools/go/ssa"

// cfgFacts are what the engine asks about one function's control-flow
// graph, computed once.
type cfgFacts struct {
	// loops maps each block in a cycle to its cycle's identifier.
	loops map[*ssa.BasicBlock]int
	// flags are the boolean phis that decide branches (flags.go).
	flags *branchFlags
	// guards are the counted loops, by header, whose exit implies that
	// a branch inside them was taken (loopguard.go).
	guards map[*ssa.BasicBlock]*loopGuard
}

// cfgOf returns fn's CFG facts. Analyzers ask concurrently (Result.InLoop)
// once run has returned, hence the lock.
func (e *engine) cfgOf(fn *ssa.Function) *cfgFacts {
	e.cfgMu.Lock()
	defer e.cfgMu.Unlock()
	f, ok := e.cfg[fn]
	if !ok {
		f = &cfgFacts{loops: loopComponents(fn), flags: newBranchFlags(fn), guards: loopGuards(fn)}
		e.cfg[fn] = f
	}
	return f
}

// loopOf returns an identifier of the CFG cycle (strongly connected
// component with a back edge) that contains b, or -1 when b is in no loop.
func (e *engine) loopOf(b *ssa.BasicBlock) int {
	if id, ok := e.cfgOf(b.Parent()).loops[b]; ok {
		return id
	}
	return -1
}

// loopComponents runs Tarjan's algorithm over fn's blocks and keeps the
// components that form cycles.
func loopComponents(fn *ssa.Function) map[*ssa.BasicBlock]int {
	index := make(map[*ssa.BasicBlock]int)
	low := make(map[*ssa.BasicBlock]int)
	onStack := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	out := make(map[*ssa.BasicBlock]int)
	next, comp := 0, 0
	var strong func(b *ssa.BasicBlock)
	strong = func(b *ssa.BasicBlock) {
		index[b], low[b] = next, next
		next++
		stack = append(stack, b)
		onStack[b] = true
		for _, s := range b.Succs {
			if _, seen := index[s]; !seen {
				strong(s)
				low[b] = min(low[b], low[s])
			} else if onStack[s] {
				low[b] = min(low[b], index[s])
			}
		}
		if low[b] != index[b] {
			return
		}
		var members []*ssa.BasicBlock
		for {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[x] = false
			members = append(members, x)
			if x == b {
				break
			}
		}
		cyclic := len(members) > 1
		for _, s := range b.Succs {
			cyclic = cyclic || s == b
		}
		if cyclic {
			for _, m := range members {
				out[m] = comp
			}
			comp++
		}
	}
	for _, b := range fn.Blocks {
		if _, seen := index[b]; !seen {
			strong(b)
		}
	}
	return out
}
