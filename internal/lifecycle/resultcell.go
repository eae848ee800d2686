package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A function with named results and a defer returns through its result
// cells: `resp, err = c.Do(req)` stores the response in one, and each
// return loads it back. The store hands the response to the caller only
// on the paths where the cell still holds it at the return: a later
// `return nil, err` overwrites it and loses the body.

// resultCells returns the named-result cells that the tracked value is
// stored in directly and that nothing but a return resolves: for those,
// the path search follows what the cell holds instead of counting the
// store as a hand-over.
func (t *tracker) resultCells() map[ssa.Value]bool {
	var cells map[ssa.Value]bool
	for _, ev := range t.events {
		if ev.Kind != Wrap || !ev.Direct {
			continue
		}
		cell, ok := storeAddr(ev.Instr).(*ssa.Alloc)
		if !ok || !returnedCell(cell) || !t.onlyReturned(ev.target) {
			continue
		}
		if cells == nil {
			cells = make(map[ssa.Value]bool)
		}
		cells[cell] = true
	}
	return cells
}

// storeAddr returns the address a store writes to, or nil.
func storeAddr(instr ssa.Instruction) ssa.Value {
	if st, ok := instr.(*ssa.Store); ok {
		return st.Addr
	}
	return nil
}

// returnedCell reports whether every use of cell is a store to it or a
// load from it, and some load is returned: a named result.
func returnedCell(cell *ssa.Alloc) bool {
	returned := false
	for _, r := range referrers(cell) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != cell {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
			for _, rr := range referrers(r) {
				if _, ok := rr.(*ssa.Return); ok {
					returned = true
				}
			}
		case *ssa.DebugRef:
		default:
			return false // captured by a closure, or its address taken
		}
	}
	return returned
}

// onlyReturned reports whether the only events that resolve fam, or a
// family stored in it, are returns.
func (t *tracker) onlyReturned(fam *family) bool {
	for _, ev := range t.events {
		if ev.fam == nil || !within(ev.fam, fam) {
			continue
		}
		switch ev.Kind {
		case Return, Borrow:
		case Wrap:
			if ev.target != fam {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// within reports whether f is fam or a family stored into fam.
func within(f, fam *family) bool {
	for i := 0; f != nil && i < 8; i++ {
		if f == fam {
			return true
		}
		if len(f.parents) != 1 {
			return false
		}
		f = f.parents[0]
	}
	return false
}

// returnsNonNilError reports whether ret returns an error result that is
// certainly not nil (errors.New, fmt.Errorf, a sentinel variable, a
// concrete error value) and that does not itself carry the resource.
func (t *tracker) returnsNonNilError(ret *ssa.Return) bool {
	n := len(ret.Results)
	if n < 2 || !types.Identical(ret.Results[n-1].Type(), errorType) {
		return false
	}
	v := ret.Results[n-1]
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL && isAlloc(load.X) {
		// A named result: what the return statement stored in it.
		v = lastStoreBefore(ret, load.X)
		if v == nil {
			return false
		}
	}
	if t.errs[v] {
		return false
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		_, carries := t.holders[x.X]
		return !carries
	case *ssa.UnOp:
		return isGlobalLoad(x)
	case *ssa.Call:
		key, ok := calleeKey(x.Common())
		return ok && (key == FuncKey{Pkg: "errors", Name: "New"} || key == FuncKey{Pkg: "fmt", Name: "Errorf"})
	}
	return false
}

// lastStoreBefore returns the value last stored at addr in ret's block
// before ret, or nil.
func lastStoreBefore(ret *ssa.Return, addr ssa.Value) ssa.Value {
	instrs := ret.Block().Instrs
	for i := len(instrs) - 1; i >= 0; i-- {
		if st, ok := instrs[i].(*ssa.Store); ok && st.Addr == addr {
			return st.Val
		}
	}
	return nil
}

func isAlloc(v ssa.Value) bool {
	_, ok := v.(*ssa.Alloc)
	return ok
}
