package lifecycle

import "golang.org/x/tools/go/ssa"

// A worker often ranges over a channel kept in a field of a local struct,
// and only a method closes it (issue 11 §3.17):
//
//	ix := &indexer{queue: make(chan record)}
//	go ix.work()          // for r := range ix.queue
//	...
//	if bad { return err } // skips the close: the worker waits forever
//	ix.shutdown()         // close(ix.queue)
//
// The channel walk follows ix into shutdown and finds the close there;
// the path search of the spawning function needs it where the function
// calls shutdown. closeSites maps it back.

// closeSites returns the calls and defers of fn through which code in
// inner runs, when inner is a callee the channel walk followed (calls:
// call instruction to callee), or a function literal made in one (a
// close-once guard, once.Do(func() { close(w.ch) })), reached through
// calls of such callees. Go statements do not count: their code runs in
// a goroutine of its own. It returns nil when inner is fn itself or a
// function literal of fn, whose operations the path search does not
// place.
func closeSites(fn, inner *ssa.Function, calls map[ssa.Instruction]*ssa.Function, depth int) []ssa.Instruction {
	if depth > maxChanDepth {
		return nil
	}
	for inner != fn && inner.Parent() != nil {
		inner = inner.Parent()
	}
	if inner == fn {
		return nil
	}
	var out []ssa.Instruction
	for instr, callee := range calls {
		if callee != inner {
			continue
		}
		if _, isGo := instr.(*ssa.Go); isGo {
			continue
		}
		if instr.Parent() == fn {
			out = append(out, instr)
			continue
		}
		out = append(out, closeSites(fn, instr.Parent(), calls, depth+1)...)
	}
	return out
}

// firstByPos returns the instruction of list that comes first in the
// source, so that messages do not depend on map order.
func firstByPos(list []ssa.Instruction) ssa.Instruction {
	var first ssa.Instruction
	for _, x := range list {
		if first == nil || x.Pos() < first.Pos() {
			first = x
		}
	}
	return first
}
