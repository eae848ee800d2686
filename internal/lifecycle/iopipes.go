package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// io.Pipe (issue 11 §3.24): a writer goroutine blocks in Write until the
// reader reads or is closed. A reader dropped without being read to its
// end (io.ReadAll, io.Copy) or closed strands that goroutine forever, so
// the reader is owed a release where the writer runs in a goroutine of
// the function that made the pipe. The report goes on the io.Pipe call,
// where the reader is acquired, as for any resource: the line to change
// is a missing Close on the path that drops the reader, not the go
// statement, which is right as written. Closing the writer on the path
// that drops the reader (pw.CloseWithError(err)) unblocks the goroutine
// too, and counts as the release.

// addPipeKinds adds io.Pipe's reader end to t.
func addPipeKinds(t *Table) {
	key := TypeKey{Pkg: "io", Name: "PipeReader"}
	reader := t.AddKind(&Kind{
		Name:    key.String(),
		Type:    key,
		Release: []string{"Close", "CloseWithError"},
		Noun:    "pipe reader",
		Partner: 1,
		Drains:  drainFuncs,
	})
	t.AddConstructor(FuncKey{Pkg: "io", Name: "Pipe"}, reader, 0)
}

// drainedBy reports whether passing holder h as argument i of callee
// reads it to its end, which releases it.
func drainedBy(h *holder, callee *ssa.Function, i int) bool {
	if h.role != roleHandle || h.kind == nil || len(h.kind.Drains) == 0 {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return false
	}
	key := FuncKeyOf(obj)
	for _, d := range h.kind.Drains {
		if d.Func == key && d.Arg == i {
			return true
		}
	}
	return false
}

// partnerInGoroutine reports whether result idx of call (the pipe's
// writer) is handed to a goroutine of the calling function: captured by
// the function literal a go statement starts, or passed to it.
func partnerInGoroutine(call *ssa.Call, idx int) bool {
	end, _ := resultValues(call, idx)
	if end == nil {
		return false
	}
	for _, r := range referrers(end) {
		switch r := r.(type) {
		case *ssa.Go:
			return true
		case *ssa.MakeClosure:
			for _, g := range referrers(r) {
				if _, ok := g.(*ssa.Go); ok {
					return true
				}
			}
		case *ssa.Store:
			// A variable the go closure captures (a cell).
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == end {
				for _, u := range referrers(cell) {
					if mc, ok := u.(*ssa.MakeClosure); ok {
						for _, g := range referrers(mc) {
							if _, ok := g.(*ssa.Go); ok {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

// partnerReleases records, for a resource whose kind has a partner end,
// the calls in its function that close that end: each releases it.
func (t *tracker) partnerReleases(a *Acquisition) {
	if a.Kind.Partner <= 0 || a.Value == nil {
		return
	}
	end, _ := resultValues(a.Call, a.Kind.Partner)
	if end == nil {
		return
	}
	ends := []ssa.Value{end}
	for _, r := range referrers(end) {
		// The variable a go closure captures it by: its loads.
		if st, ok := r.(*ssa.Store); ok && st.Val == end {
			if cell, ok := st.Addr.(*ssa.Alloc); ok {
				for _, u := range referrers(cell) {
					if load, ok := u.(*ssa.UnOp); ok && load.Op == token.MUL {
						ends = append(ends, load)
					}
				}
			}
		}
	}
	for _, v := range ends {
		t.closesOfEnd(a, v)
	}
}

// closesOfEnd records the Close and CloseWithError calls on end in a's
// function as releases of a.
func (t *tracker) closesOfEnd(a *Acquisition, end ssa.Value) {
	for _, r := range referrers(end) {
		c, ok := r.(ssa.CallInstruction)
		if !ok || c.Parent() != a.Fn {
			continue
		}
		common := c.Common()
		callee := common.StaticCallee()
		if callee == nil || len(common.Args) == 0 || common.Args[0] != end {
			continue
		}
		if name := callee.Name(); name != "Close" && name != "CloseWithError" {
			continue
		}
		_, deferred := c.(*ssa.Defer)
		t.release(c, &holder{role: roleHandle, kind: a.Kind}, callee, deferred)
	}
}
