package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// In-memory connections: net.Pipe returns two connected ends that hold
// no descriptor and start no goroutine, so dropping one leaks nothing.
// A func value returning (net.Conn, error) is a dialer whose connection
// the caller owns (acquire.go), unless the function that made the dialer
// says, through its summary (PipeResults), that every connection it
// hands out is such an end: a test listener pairing Dial with Accept
// over a channel of pipe ends.

// maxPipeDepth bounds the walk back from a value to its sources.
const maxPipeDepth = 8

var (
	netConnKey = TypeKey{Pkg: "net", Name: "Conn"}
	netPipeKey = FuncKey{Pkg: "net", Name: "Pipe"}
)

// pipeResults returns the indices of fn's results that never hold a
// connection the caller must close (facts.Func.PipeResults).
func (e *engine) pipeResults(fn *ssa.Function) facts.Params {
	results := fn.Signature.Results()
	var rets []*ssa.Return
	for _, b := range fn.Blocks {
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			rets = append(rets, r)
		}
	}
	var out facts.Params
	if len(rets) == 0 {
		return out
	}
	for i := 0; i < results.Len(); i++ {
		var pipe func(ssa.Value, int) bool
		switch t := results.At(i).Type(); {
		case isNetConn(t):
			pipe = e.pipeEnd
		case isDialer(t):
			pipe = e.pipeDialer
		default:
			continue
		}
		all := true
		for _, r := range rets {
			if i >= len(r.Results) || !pipe(r.Results[i], 0) {
				all = false
				break
			}
		}
		if all {
			out = out.With(i)
		}
	}
	return out
}

// isNetConn reports whether t is net.Conn.
func isNetConn(t types.Type) bool {
	k, ok := TypeKeyOf(t)
	return ok && k == netConnKey && types.IsInterface(t)
}

// isDialer reports whether t is a function type whose first result is a
// net.Conn.
func isDialer(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	return ok && sig.Results().Len() > 0 && isNetConn(sig.Results().At(0).Type())
}

// pipeEnd reports whether connection v is nil or an end of a net.Pipe on
// every path: made by net.Pipe, returned as one by a function whose
// summary says so, or received from a local channel on which the package
// sends nothing else.
func (e *engine) pipeEnd(v ssa.Value, depth int) bool {
	if depth > maxPipeDepth {
		return false
	}
	switch v := v.(type) {
	case *ssa.Const:
		return v.IsNil()
	case *ssa.MakeInterface:
		return e.pipeEnd(v.X, depth+1)
	case *ssa.ChangeInterface:
		return e.pipeEnd(v.X, depth+1)
	case *ssa.Phi:
		for _, x := range v.Edges {
			if !e.pipeEnd(x, depth+1) {
				return false
			}
		}
		return true
	case *ssa.Call:
		return e.pipeResult(v.Common(), 0, depth)
	case *ssa.UnOp:
		return v.Op == token.ARROW && !v.CommaOk && e.carriesPipes(v.X, depth)
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.Call:
			return e.pipeResult(t.Common(), v.Index, depth)
		case *ssa.UnOp:
			return t.Op == token.ARROW && v.Index == 0 && e.carriesPipes(t.X, depth)
		case *ssa.Select:
			// Results: the index of the chosen case, recvOk, then one
			// value per receiving case.
			n := v.Index - 2
			for _, st := range t.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if n == 0 {
					return e.carriesPipes(st.Chan, depth)
				}
				n--
			}
		}
	}
	return false
}

// pipeResult reports whether result i of the call c is a pipe end.
func (e *engine) pipeResult(c *ssa.CallCommon, i, depth int) bool {
	if c.IsInvoke() {
		return false
	}
	if callee := c.StaticCallee(); callee != nil {
		if obj, ok := callee.Object().(*types.Func); ok && FuncKeyOf(obj) == netPipeKey {
			return true
		}
		s := e.summaryOf(callee)
		return s != nil && s.PipeResults.Has(i)
	}
	return i == 0 && e.pipeDialer(c.Value, depth+1)
}

// pipeDialer reports whether every connection that calls of the func
// value v return is nil or a pipe end: v is a function or closure whose
// summary says so, or the result of a call whose summary says so.
func (e *engine) pipeDialer(v ssa.Value, depth int) bool {
	if depth > maxPipeDepth {
		return false
	}
	switch v := v.(type) {
	case *ssa.Const:
		return v.IsNil()
	case *ssa.ChangeType:
		return e.pipeDialer(v.X, depth+1)
	case *ssa.Phi:
		for _, x := range v.Edges {
			if !e.pipeDialer(x, depth+1) {
				return false
			}
		}
		return true
	case *ssa.Function:
		s := e.summaryOf(v)
		return s != nil && s.PipeResults.Has(0)
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		s := e.summaryOf(fn)
		return s != nil && s.PipeResults.Has(0)
	case *ssa.Call:
		return !v.Common().IsInvoke() && e.calleePipeResult(v.Common(), 0)
	case *ssa.Extract:
		if c, ok := v.Tuple.(*ssa.Call); ok {
			return !c.Common().IsInvoke() && e.calleePipeResult(c.Common(), v.Index)
		}
	}
	return false
}

// calleePipeResult reports whether the static callee of c says its result
// i is a pipe end or a dialer of them.
func (e *engine) calleePipeResult(c *ssa.CallCommon, i int) bool {
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	s := e.summaryOf(callee)
	return s != nil && s.PipeResults.Has(i)
}

// carriesPipes reports whether every connection received from channel ch
// is a pipe end: ch is made in this function and reaches no code that
// could send on it but this package (it is only sent on channels held in
// unexported fields or variables), and every send in the package on a
// channel of its element type sends nil or a pipe end.
func (e *engine) carriesPipes(ch ssa.Value, depth int) bool {
	for {
		ct, ok := ch.(*ssa.ChangeType)
		if !ok {
			break
		}
		ch = ct.X
	}
	mk, ok := ch.(*ssa.MakeChan)
	if !ok || !e.chanStaysInPackage(mk, 0) {
		return false
	}
	elem := mk.Type().Underlying().(*types.Chan).Elem()
	for _, fn := range e.allFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Send:
					if sendsElem(x.Chan, elem) && !e.pipeEnd(x.X, depth+1) {
						return false
					}
				case *ssa.Select:
					for _, st := range x.States {
						if st.Dir == types.SendOnly && sendsElem(st.Chan, elem) && !e.pipeEnd(st.Send, depth+1) {
							return false
						}
					}
				}
			}
		}
	}
	return true
}

// sendsElem reports whether ch is a channel of element type elem.
func sendsElem(ch ssa.Value, elem types.Type) bool {
	c, ok := ch.Type().Underlying().(*types.Chan)
	return ok && types.Identical(c.Elem(), elem)
}

// chanStaysInPackage reports whether channel v is only received from,
// sent on, closed, or itself sent on a channel loaded from an unexported
// field or variable of this package.
func (e *engine) chanStaysInPackage(v ssa.Value, depth int) bool {
	if depth > maxPipeDepth {
		return false
	}
	for _, r := range referrers(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return false
			}
		case *ssa.Send:
			if r.X == v && !e.privateChan(r.Chan) {
				return false
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == v && !e.privateChan(st.Chan) {
					return false
				}
			}
		case *ssa.ChangeType:
			if !e.chanStaysInPackage(r, depth+1) {
				return false
			}
		case *ssa.Call:
			b, ok := r.Call.Value.(*ssa.Builtin)
			if !ok || b.Name() != "close" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// privateChan reports whether ch is loaded from an unexported field or
// package variable of this package.
func (e *engine) privateChan(ch ssa.Value) bool {
	var obj *types.Var
	switch x := ch.(type) {
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			obj = fieldVar(a.X.Type(), a.Field)
		case *ssa.Global:
			obj, _ = a.Object().(*types.Var)
		}
	case *ssa.Field:
		obj = fieldVar(x.X.Type(), x.Field)
	}
	return obj != nil && !obj.Exported() && obj.Pkg() == e.pass.Pkg
}
