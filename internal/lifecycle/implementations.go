package lifecycle

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Calls through an interface reach whatever implements it. When the
// interface is unexported and declared in this package, only the
// package's own types can implement it, so the engine can answer for
// every implementation at once: a goroutine `go w.Watch(ch)` whose every
// implementation never returns is stuck, and a channel from
// `ticker.Chan()` whose every implementation returns a ticker's channel
// never closes.

// implementations returns the methods named like m that the package's
// named types (and pointers to them) implement interface iface with; nil
// when iface is not an unexported interface of this package, or nothing
// here implements it.
func (e *engine) implementations(iface types.Type, m *types.Func) []*ssa.Function {
	named, ok := types.Unalias(iface).(*types.Named)
	if !ok || named.Obj().Pkg() != e.pass.Pkg || named.Obj().Exported() {
		return nil
	}
	it, ok := named.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	st := e.stop()
	key := ifaceMethodKey{iface: named.Obj(), method: m.Name()}
	if fns, ok := st.impls[key]; ok {
		return fns
	}
	out := e.findImplementations(it, m)
	if st.impls == nil {
		st.impls = make(map[ifaceMethodKey][]*ssa.Function)
	}
	st.impls[key] = out
	return out
}

// ifaceMethodKey identifies one method of one interface.
type ifaceMethodKey struct {
	iface  *types.TypeName
	method string
}

// invokeStuck decides whether the goroutine `go x.M(...)` (an interface
// method) may wait forever: every implementation of M in this package
// never returns, whatever it is given. It returns the first
// implementation's verdict.
func (e *engine) invokeStuck(g *ssa.Go) *Stuck {
	common := g.Common()
	impls := e.implementations(common.Value.Type(), common.Method)
	if len(impls) == 0 {
		return nil
	}
	var first *Stuck
	for _, fn := range impls {
		s := e.stopSummaryOf(fn)
		if s.empty() || s.never == nil {
			return nil
		}
		if first == nil {
			c := *s.never
			first = &c
		}
	}
	return first
}

// classifyInvokeResult classifies result idx of an interface method call
// by what every implementation in this package returns: dead only when
// all are dead whatever their arguments.
func (e *engine) classifyInvokeResult(call *ssa.Call, idx int, mode facts.StopMode, depth int) source {
	common := call.Common()
	impls := e.implementations(common.Value.Type(), common.Method)
	if len(impls) == 0 {
		return liveSource
	}
	var srcs []source
	for _, fn := range impls {
		for _, b := range fn.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || idx >= len(ret.Results) {
				continue
			}
			s := e.classifyDepth(fn, ret.Results[idx], mode, depth)
			if s.kind != srcDead {
				return liveSource
			}
			srcs = append(srcs, s)
		}
	}
	return combineSources(srcs)
}
