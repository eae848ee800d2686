package lifecycle

import "golang.org/x/tools/go/ssa"

// This file answers RULES' Keeper question for a parser or decoder that
// is a plain value of the caller: `var p expfmt.TextParser;
// p.TextToMetricFamilies(resp.Body)` keeps the body in p, which has no
// Close and dies with the function (issue 11 §3.8). The method's summary
// says it takes the argument (it stores it beyond the call), and
// KeepsInRecv says where: only in its receiver's fields. Where the
// receiver is a local variable of the caller, the resource goes into it
// as into any local wrapper, and its fate decides: returned or stored,
// the resource is handed on; dropped, it leaks.

// keptInReceiver reports whether the tracked parameter of method t.fn
// leaves the method only by being kept in the receiver's fields: every
// transfer is a store into a field of the receiver, or a call of a
// method on the same receiver that keeps it there too.
func (t *tracker) keptInReceiver() bool {
	if t.fn.Signature.Recv() == nil || len(t.fn.Params) == 0 {
		return false
	}
	recv := t.fn.Params[0]
	n := 0
	for _, ev := range t.events {
		if ev.Kind != Transfer {
			continue
		}
		switch x := ev.Instr.(type) {
		case *ssa.Store:
			fa, ok := x.Addr.(*ssa.FieldAddr)
			if !ok || fa.X != recv {
				return false
			}
		case *ssa.Call:
			c := x.Common()
			if c.IsInvoke() || ev.Callee == nil || len(c.Args) == 0 || c.Args[0] != recv {
				return false
			}
			s := t.e.summaryOf(ev.Callee)
			if s == nil {
				return false
			}
			kept := false
			for j, a := range c.Args {
				if j > 0 && t.holders[a] != nil && s.KeepsInRecv.Has(j) {
					kept = true
				}
			}
			if !kept {
				return false
			}
		default:
			return false
		}
		n++
	}
	return n > 0
}

// keepInLocalReceiver records holder h as kept by the receiver of call
// instr when that receiver is a local variable of the function (a
// parser value), and reports whether it did.
func (t *tracker) keepInLocalReceiver(instr ssa.CallInstruction, h *holder) bool {
	call, ok := instr.(*ssa.Call)
	if !ok || call.Common().IsInvoke() || len(call.Common().Args) == 0 {
		return false
	}
	alloc, ok := call.Common().Args[0].(*ssa.Alloc)
	if !ok {
		return false
	}
	if rh, ok := t.holders[alloc]; ok {
		if rh.role != roleContainer || rh.fam == nil {
			return false
		}
		t.wrapInto(instr, h, rh.fam)
		return true
	}
	fam := t.newFamily()
	t.add(alloc, &holder{role: roleContainer, fam: fam})
	t.wrapInto(instr, h, fam)
	return true
}

// keptInTracked reports whether the receiver of call instr is itself a
// holder of the tracked value (a sub-parser held in the parser being
// summarised): what the method keeps in it stays inside the tracked
// value, and nothing leaves.
func (t *tracker) keptInTracked(instr ssa.CallInstruction) bool {
	common := instr.Common()
	if common.IsInvoke() || len(common.Args) == 0 {
		return false
	}
	_, ok := t.holders[common.Args[0]]
	return ok
}
