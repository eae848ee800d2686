package lifecycle

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Releasing parts: a field of a table resource that can release it by
// itself. A started command's Process is reaped by its own Wait, so a
// command whose Process is kept in a field that the package waits on
// (`s.pager = cmd.Process`, and a Stop method calls `s.pager.Wait()`) is
// handed on, as if the command itself were stored there.
var releasingParts = map[TypeKey]map[string][]string{
	{Pkg: "os/exec", Name: "Cmd"}: {"Process": {"Wait"}},
}

// releasingPart handles a read of field f of the resource handle h
// (instr is the field's address when addr is set, else its value). It
// reports whether f is a releasing part of h's kind; every store of the
// part into a field that some function of the package releases it
// through is then a Transfer of the resource.
func (t *tracker) releasingPart(instr ssa.Value, f *types.Var, h *holder, addr bool) bool {
	methods, ok := releasingParts[h.kind.Type][f.Name()]
	if !ok {
		return false
	}
	loads := []ssa.Value{instr}
	if addr {
		loads = loads[:0]
		for _, r := range referrers(instr) {
			if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL {
				loads = append(loads, u)
			}
		}
	}
	for _, v := range loads {
		for _, r := range referrers(v) {
			st, ok := r.(*ssa.Store)
			if !ok || st.Val != v {
				continue
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			if _, local := fa.X.(*ssa.Alloc); local {
				continue // a local struct dies with the function
			}
			if field := fieldVar(fa.X.Type(), fa.Field); field != nil && t.e.releasedThroughField(field, methods) {
				t.event(Transfer, st, h, nil)
			}
		}
	}
	return true
}

// releasedThroughField reports whether some function of the package calls
// one of methods on a value loaded from field.
func (e *engine) releasedThroughField(field *types.Var, methods []string) bool {
	for _, fn := range e.allFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				c := call.Common()
				var recv ssa.Value
				var name string
				switch {
				case c.IsInvoke():
					recv, name = c.Value, c.Method.Name()
				case c.StaticCallee() != nil && c.Signature().Recv() != nil && len(c.Args) > 0:
					recv, name = c.Args[0], c.StaticCallee().Name()
				default:
					continue
				}
				if slices.Contains(methods, name) && loadsField(recv, field) {
					return true
				}
			}
		}
	}
	return false
}

// loadsField reports whether v is a read of field.
func loadsField(v ssa.Value, field *types.Var) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			return fieldVar(fa.X.Type(), fa.Field) == field
		}
	case *ssa.Field:
		return fieldVar(v.X.Type(), v.Field) == field
	}
	return false
}
