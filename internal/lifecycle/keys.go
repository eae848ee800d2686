package lifecycle

import (
	"go/types"
	"strings"
)

// TypeKey identifies a named type by package path and name. It is derived
// from the type itself (the origin of a *types.Named, pointers removed), so
// two types with the same key are the same declared type.
type TypeKey struct {
	Pkg  string
	Name string
}

// String renders the key as "pkg.Name".
func (k TypeKey) String() string { return k.Pkg + "." + k.Name }

// TypeKeyOf returns the key of t's named type after removing one level of
// pointer, and false when t is not (a pointer to) a named type of a package.
func TypeKeyOf(t types.Type) (TypeKey, bool) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return TypeKey{}, false
	}
	obj := n.Origin().Obj()
	if obj.Pkg() == nil {
		return TypeKey{}, false // error, comparable
	}
	return TypeKey{Pkg: obj.Pkg().Path(), Name: obj.Name()}, true
}

// FuncKey identifies a function or method: package path, receiver type name
// (empty for functions; the interface name for interface methods) and name.
type FuncKey struct {
	Pkg  string
	Recv string
	Name string
}

// String renders the key as "pkg.Name" or "pkg.Recv.Name".
func (k FuncKey) String() string {
	if k.Recv == "" {
		return k.Pkg + "." + k.Name
	}
	return k.Pkg + "." + k.Recv + "." + k.Name
}

// FuncKeyOf returns the key of fn (its generic origin for instances).
func FuncKeyOf(fn *types.Func) FuncKey {
	fn = fn.Origin()
	k := FuncKey{Name: fn.Name()}
	if fn.Pkg() != nil {
		k.Pkg = fn.Pkg().Path()
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if rk, ok := TypeKeyOf(recv.Type()); ok {
			k.Recv = rk.Name
			k.Pkg = rk.Pkg
		}
	}
	return k
}

// parseFuncKey parses "pkg/path.Func" or "pkg/path.Type.Method".
func parseFuncKey(s string) (FuncKey, bool) {
	slash := strings.LastIndex(s, "/")
	rest := s[slash+1:]
	parts := strings.Split(rest, ".")
	prefix := s[:slash+1]
	switch len(parts) {
	case 2:
		return FuncKey{Pkg: prefix + parts[0], Name: parts[1]}, parts[0] != "" && parts[1] != ""
	case 3:
		return FuncKey{Pkg: prefix + parts[0], Recv: parts[1], Name: parts[2]},
			parts[0] != "" && parts[1] != "" && parts[2] != ""
	}
	return FuncKey{}, false
}

// parseTypeKey parses "pkg/path.Type".
func parseTypeKey(s string) (TypeKey, bool) {
	k, ok := parseFuncKey(s)
	if !ok || k.Recv != "" {
		return TypeKey{}, false
	}
	return TypeKey{Pkg: k.Pkg, Name: k.Name}, true
}

// stdRoots are the first path elements of the standard library's packages.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "builtin": true, "bytes": true, "cmp": true,
	"compress": true, "container": true, "context": true, "crypto": true,
	"database": true, "debug": true, "embed": true, "encoding": true,
	"errors": true, "expvar": true, "flag": true, "fmt": true, "go": true,
	"hash": true, "html": true, "image": true, "index": true, "internal": true,
	"io": true, "iter": true, "log": true, "maps": true, "math": true,
	"mime": true, "net": true, "os": true, "path": true, "plugin": true,
	"reflect": true, "regexp": true, "runtime": true, "slices": true,
	"sort": true, "strconv": true, "strings": true, "structs": true,
	"sync": true, "syscall": true, "testing": true, "text": true, "time": true,
	"unicode": true, "unique": true, "unsafe": true, "vendor": true, "weak": true,
}

// IsStdPath reports whether path names a standard-library package.
func IsStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return stdRoots[first] && !strings.Contains(first, ".")
}
