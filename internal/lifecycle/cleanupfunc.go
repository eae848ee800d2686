package lifecycle

import "golang.org/x/tools/go/ssa"

// returnedClosureOver reports whether callee returns, on every return, one
// function literal that captures its parameter i directly
// (`func cleanDir(dir string) func() { return func() { os.RemoveAll(dir) } }`),
// and returns that closure and the index of the capture. The call's result
// then holds the argument the way the literal would in the caller:
// t.Cleanup(cleanDir(dir)) releases dir when the closure does.
func returnedClosureOver(callee *ssa.Function, i int) (*ssa.MakeClosure, int) {
	if callee == nil || callee.Blocks == nil || i >= len(callee.Params) || callee.Signature.Results().Len() != 1 {
		return nil, -1
	}
	var mc *ssa.MakeClosure
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		m, ok := ret.Results[0].(*ssa.MakeClosure)
		if !ok || mc != nil && m != mc {
			return nil, -1
		}
		mc = m
	}
	if mc == nil {
		return nil, -1
	}
	p := callee.Params[i]
	for j, b := range mc.Bindings {
		if b == p || cellOf(b, p) {
			return mc, j
		}
	}
	return nil, -1
}

// cellOf reports whether b is the variable cell of parameter p: an Alloc
// whose only store is p (a captured parameter lives in one).
func cellOf(b ssa.Value, p *ssa.Parameter) bool {
	alloc, ok := b.(*ssa.Alloc)
	if !ok {
		return false
	}
	stored := false
	for _, r := range referrers(alloc) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			if st.Val != p {
				return false
			}
			stored = true
		}
	}
	return stored
}
