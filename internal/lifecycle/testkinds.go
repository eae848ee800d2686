package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/leakvet/leakvet/internal/facts"
)

// Resources that only tests are held to (RULES.md, testcleanup): a
// directory made with os.MkdirTemp is owed an os.RemoveAll. Outside tests
// it is often meant to outlive the function (a cache directory), so the
// engine acquires it only in test-context functions.

// addTestKinds adds the test-only kinds to t and marks the kinds whose
// URL, address or paths are useful only while they live.
func addTestKinds(t *Table) {
	dir := t.AddKind(&Kind{
		Name:         "os.MkdirTemp",
		ReleaseFuncs: []FuncKey{{Pkg: "os", Name: "RemoveAll"}},
		Noun:         "temporary directory",
		TestOnly:     true,
		Located:      true,
	})
	t.AddConstructor(FuncKey{Pkg: "os", Name: "MkdirTemp"}, dir, 0)

	for _, name := range []string{
		"net/http/httptest.Server", "net.Listener", "net.TCPListener",
		"net.UnixListener", "net.PacketConn", "net.UDPConn",
	} {
		if k := t.KindNamed(name); k != nil {
			k.Located = true
		}
	}
}

// receiverAcquisition fills in the value and error of an acquisition
// whose constructor acquires its receiver (cmd.Start()): the receiver is
// the resource and the call's own result, when it is an error, says
// whether it was acquired.
func receiverAcquisition(a *Acquisition, call *ssa.Call) bool {
	common := call.Common()
	switch {
	case common.IsInvoke():
		a.Value = common.Value
	case len(common.Args) > 0:
		a.Value = common.Args[0]
	default:
		return false
	}
	if types.Identical(call.Type(), errorType) {
		a.Err = call
	}
	// A command that a closure captures lives in a variable cell: track
	// the cell, whose loads are the command, so that the tracker sees the
	// closures that capture it (t.Cleanup(func() { cmd.Wait() })).
	if load, ok := a.Value.(*ssa.UnOp); ok && load.Op == token.MUL {
		if cell, ok := load.X.(*ssa.Alloc); ok {
			a.Value, a.cell = cell, true
		}
	}
	return true
}

// isStringKind reports whether k's resources are strings (a directory
// path) rather than values of a named type.
func isStringKind(k *Kind) bool { return k.Type == (TypeKey{}) && len(k.ReleaseFuncs) > 0 }

// isString reports whether t is a string type.
func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// ownedType reports whether a result of type rt returns a resource of
// kind k as itself.
func ownedType(k *Kind, rt types.Type) bool {
	if isStringKind(k) {
		return isString(rt)
	}
	key, ok := TypeKeyOf(rt)
	return ok && key == k.Type
}

// releasedByFunc reports whether passing holder h to callee as its first
// argument releases it (os.RemoveAll(dir)).
func releasedByFunc(h *holder, callee *ssa.Function) bool {
	if h.role != roleHandle || len(h.kind.ReleaseFuncs) == 0 {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	return ok && h.kind.ReleasedBy(FuncKeyOf(obj))
}

// summariseStringRoot sets ClosesParam(i) when fn releases string
// parameter (or free variable) v as a resource whose kind is a string: a
// helper that removes the directory it is given, or a cleanup closure
// that does. Strings are followed only in functions that call such a
// release, which keeps the cost of summarising every string parameter
// away.
func summariseStringRoot(e *engine, fn *ssa.Function, v ssa.Value, i int, f *facts.Func) {
	if !isString(cellElem(v.Type())) || !e.releasesStrings(fn, 0) {
		return
	}
	for _, k := range e.table.kinds {
		if !isStringKind(k) {
			continue
		}
		t := newTracker(e, fn)
		h := stringRoot(t, v, k)
		if h == nil {
			return
		}
		t.add(v, h)
		t.walk()
		for _, ev := range t.events {
			if ev.Kind == Release || ev.Kind == DeferRelease {
				f.Closes = f.Closes.With(i)
			}
		}
	}
}

// stringRoot returns the holder that tracks v as a string resource of
// kind k: the string itself, or the variable cell a closure captured it
// in (a free variable of type *string), whose loads are the string.
func stringRoot(t *tracker, v ssa.Value, k *Kind) *holder {
	if isString(v.Type()) {
		return &holder{role: roleHandle, kind: k}
	}
	p, ok := types.Unalias(v.Type()).(*types.Pointer)
	if !ok || !isString(p.Elem()) {
		return nil
	}
	return &holder{role: roleContainer, fam: t.cellFamily(nil, &holder{role: roleHandle, kind: k}, p.Elem())}
}

// releasesStrings reports whether fn or a function literal inside it
// calls a function that releases a string resource: a release function of
// a string kind, or a function whose summary releases a string parameter.
func (e *engine) releasesStrings(fn *ssa.Function, depth int) bool {
	if depth > 3 {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := c.Common().StaticCallee()
			if callee == nil {
				continue
			}
			if obj, ok := callee.Object().(*types.Func); ok {
				key := FuncKeyOf(obj)
				for _, k := range e.table.kinds {
					if isStringKind(k) && k.ReleasedBy(key) {
						return true
					}
				}
			}
			if callee == fn || e.busy[callee] {
				continue
			}
			if s := e.summaryOf(callee); s != nil && s.Closes != 0 && closesString(callee, s.Closes) {
				return true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if e.releasesStrings(anon, depth+1) {
			return true
		}
	}
	return false
}

// closesString reports whether one of the parameters in closes has a
// string type.
func closesString(fn *ssa.Function, closes facts.Params) bool {
	for i, p := range fn.Params {
		if closes.Has(i) && isString(p.Type()) {
			return true
		}
	}
	return false
}

// underTestTempDir reports whether call makes a directory (a string kind)
// inside t.TempDir(): the test removes it with its parent.
func underTestTempDir(k *Kind, call *ssa.Call) bool {
	if !isStringKind(k) || len(call.Common().Args) == 0 {
		return false
	}
	return fromTestTempDir(call.Common().Args[0], 0)
}

// fromTestTempDir reports whether path v is t.TempDir() or a path built
// on it (filepath.Join(t.TempDir(), "x"), dir + "/x").
func fromTestTempDir(v ssa.Value, depth int) bool {
	if depth > 6 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Call:
		key, ok := calleeKey(x.Common())
		if !ok {
			return false
		}
		if key.Pkg == "testing" && key.Name == "TempDir" {
			return true
		}
		if (key.Pkg == "path/filepath" || key.Pkg == "path") && key.Name == "Join" && len(x.Common().Args) > 0 {
			return fromTestTempDir(firstJoined(x.Common().Args[0]), depth+1)
		}
	case *ssa.BinOp:
		return x.Op == token.ADD && fromTestTempDir(x.X, depth+1)
	case *ssa.Phi:
		for _, edge := range x.Edges {
			if !fromTestTempDir(edge, depth+1) {
				return false
			}
		}
		return len(x.Edges) > 0
	case *ssa.UnOp:
		if cell, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
			var stored []ssa.Value
			for _, r := range referrers(cell) {
				if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
					stored = append(stored, st.Val)
				}
			}
			return len(stored) == 1 && fromTestTempDir(stored[0], depth+1)
		}
	}
	return false
}

// firstJoined returns the first element of the ...string slice passed to
// filepath.Join, or v itself.
func firstJoined(v ssa.Value) ssa.Value {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return v
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	for _, r := range referrers(arr) {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		if c, ok := ia.Index.(*ssa.Const); !ok || c.Int64() != 0 {
			continue
		}
		for _, r2 := range referrers(ia) {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == ia {
				return st.Val
			}
		}
	}
	return v
}
