package lifecycle

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file decides whether a method that releases something it reads
// out of its receiver's fields releases what the receiver holds. A
// wrapper's Close does (`func (s *Store) Close() error { return
// s.f.Close() }`), and so does a method under another name that closes
// on every path that does not fail (WriteAndClose). A method that closes
// a part only on some paths of its normal work does not: a zone parser's
// Next closes the file of an $INCLUDE it opened itself when that file
// ends, a log writer closes its old file when it rotates. Counting such
// a method as releasing its receiver made a reader handed to the parser
// look closed by the first call of Next (issue 11 §3.8).

// releaseLikeName reports whether a method name says that the method
// ends the value's life: Close, Stop, Shutdown and their variants.
func releaseLikeName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"close", "stop", "shutdown", "release", "quit", "dispose", "terminate", "teardown", "cleanup", "destroy", "free", "rollback", "commit"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// partReleaseCounts reports whether the release events of a receiver's
// parts make fn release its receiver: fn's name says it ends the
// receiver's life, or every path on which fn returns normally (not with
// a non-nil error) goes through a release or hand-over of the receiver
// or a part of it.
func (t *tracker) partReleaseCounts() bool {
	if releaseLikeName(t.fn.Name()) || len(t.fn.Blocks) == 0 {
		return true
	}
	ends := make(map[ssa.Instruction]bool)
	for _, ev := range t.events {
		if ev.On != nil {
			continue
		}
		switch ev.Kind {
		case Release, DeferRelease, Transfer:
			ends[ev.Instr] = true
		}
	}
	results := t.fn.Signature.Results()
	n := results.Len()
	errResult := n > 0 && types.Identical(results.At(n-1).Type(), errorType)
	seen := map[*ssa.BasicBlock]bool{t.fn.Blocks[0]: true}
	stack := []*ssa.BasicBlock{t.fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ended := false
	scan:
		for _, instr := range b.Instrs {
			if ends[instr] {
				ended = true
				break
			}
			if x, ok := instr.(*ssa.Return); ok {
				if errResult && len(x.Results) == n && !isNil(x.Results[n-1]) {
					ended = true // a failure: the caller still owns it
					break scan
				}
				return false
			}
			if t.e.endsProcess(instr) {
				ended = true
				break scan
			}
		}
		if ended {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}
