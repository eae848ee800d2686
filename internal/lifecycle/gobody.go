package lifecycle

import "golang.org/x/tools/go/ssa"

// GoBody reports whether fn is a function literal whose only use is to be
// started by go statements of its parent (`go func() { ... }()`): it has
// no caller that could receive what it returns or stores.
func GoBody(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	uses := 0
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				for _, r := range referrers(mc) {
					if g, ok := r.(*ssa.Go); !ok || g.Call.Value != mc {
						return false
					}
					uses++
				}
				continue
			}
			var rands [8]*ssa.Value
			for _, rp := range instr.Operands(rands[:0]) {
				if rp == nil || *rp != fn {
					continue
				}
				if g, ok := instr.(*ssa.Go); !ok || g.Call.Value != fn {
					return false
				}
				uses++
			}
		}
	}
	return uses > 0
}
