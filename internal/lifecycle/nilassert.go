package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Resources a test asserts to be nil: a stub file system whose Open
// returns a typed nil file,
//
//	var none *os.File
//	fsys := wrapFS{stubFS{open: func(string) (http.File, error) { return none, nil }}}
//	f, err := fsys.Open("x")
//	require.NoError(t, err)
//	assert.Equal(t, none, f.(wrapped).File)
//
// acquires a resource only by the table's reading of http.FileSystem.Open.
// Past an equality assertion against a value that is nil on every path
// (a nil constant, or a variable nothing stores to), the test passes only
// where the resource, or the embedded field its release method is
// promoted from, is nil: there is nothing to close there, and a leak the
// path search finds past that point is one where the test has failed.

// assertsResourceNil reports whether c is a testify equality assertion
// (assert or require Equal) of the tracked resource, or the embedded
// field its release goes to, against a value that is always nil.
func (t *tracker) assertsResourceNil(c *ssa.CallCommon) bool {
	key, ok := calleeKey(c)
	if !ok || (key.Pkg != assertPkg && key.Pkg != requirePkg) || c.IsInvoke() {
		return false
	}
	if key.Name != "Equal" && key.Name != "Equalf" {
		return false
	}
	if len(c.Args) < 3 {
		return false
	}
	expected, actual := uninterface(c.Args[1]), uninterface(c.Args[2])
	return alwaysNil(expected) && t.resourceOrReleasePart(actual) ||
		alwaysNil(actual) && t.resourceOrReleasePart(expected)
}

// alwaysNil reports whether v is nil on every path: the nil constant, or
// a load of a local variable of a nilable type that nothing stores to
// (it keeps its zero value), even through the closures that capture it.
func alwaysNil(v ssa.Value) bool {
	if isNil(v) {
		return true
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok || !nilable(load.Type()) {
		return false
	}
	stores, ok := allocStores(alloc)
	return ok && len(stores) == 0
}

// nilable reports whether the zero value of t is nil.
func nilable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Map, *types.Chan, *types.Signature, *types.Slice:
		return true
	}
	return false
}

// resourceOrReleasePart reports whether v is the tracked resource (a
// direct alias), or the embedded field of a type assertion of it from
// which the asserted type's release methods are promoted.
func (t *tracker) resourceOrReleasePart(v ssa.Value) bool {
	if t.directHolder(v) != nil {
		return true
	}
	f, ok := v.(*ssa.Field)
	if !ok {
		return false
	}
	ta, ok := f.X.(*ssa.TypeAssert)
	if !ok || ta.CommaOk {
		return false
	}
	h := t.directHolder(ta.X)
	if h == nil {
		h = t.directHolder(ta)
	}
	if h == nil || h.kind == nil || len(h.kind.Release) == 0 {
		return false
	}
	st, ok := f.X.Type().Underlying().(*types.Struct)
	if !ok || f.Field >= st.NumFields() || !st.Field(f.Field).Embedded() {
		return false
	}
	for _, name := range h.kind.Release {
		obj, index, _ := types.LookupFieldOrMethod(f.X.Type(), false, st.Field(f.Field).Pkg(), name)
		if _, isFunc := obj.(*types.Func); !isFunc || len(index) < 2 || index[0] != f.Field {
			return false
		}
	}
	return true
}

// directHolder returns the holder of v when v is the tracked resource
// itself or an alias of it, not a container holding it.
func (t *tracker) directHolder(v ssa.Value) *holder {
	h, ok := t.holders[v]
	if !ok || h.fam != nil || (h.role != roleObject && h.role != roleHandle) {
		return nil
	}
	return h
}
