package lifecycle

import (
	"fmt"
	"slices"
	"strings"
)

// A Kind is a type of resource: what releases it and how to talk about it.
type Kind struct {
	// Name identifies the kind in facts and flags: "net/http.Response".
	Name string
	// Type is the resource's type (pointers removed).
	Type TypeKey
	// Field, when set, names the field that holds the obligation: the
	// release methods are called on resp.Body, not on resp.
	Field string
	// Release lists the methods that release it (any one suffices).
	Release []string
	// Noun describes the resource in messages ("response body").
	Noun string
	// Pool marks constructors of connection pools (clientreuse's domain
	// when built per request).
	Pool bool
	// Before, when set, limits the kind to files whose Go version is older
	// (timers are collected without Stop since go1.23).
	Before string
	// ReleaseFuncs are functions that release the resource passed to them
	// as their first argument (os.RemoveAll for a temporary directory).
	ReleaseFuncs []FuncKey
	// TestOnly: only test-context functions acquire it (a temporary
	// directory); its release methods do not count for values of
	// unknown type.
	TestOnly bool
	// OwnRelease: its release methods are too common a name (Wait) to
	// mean a release on a value of unknown type.
	OwnRelease bool
	// Located: strings derived from it (its URL, its address, a path
	// under it) name it and are useful only while it lives.
	Located bool
	// Call marks a function value released by calling it (a context's
	// cancel function); Release is then empty.
	Call bool
	// Owner, when set, names the analyzer that alone reports the kind
	// (gocancel for cancel functions); the others skip it.
	Owner string
	// Drains are functions that read the resource to its end (io.ReadAll,
	// io.Copy), which releases it (pipes.go).
	Drains []ArgOf
	// Partner, when positive, is the index among the constructor's
	// results of the value's other end (io.Pipe's writer): the value is
	// owed only where that end is handed to a goroutine, and closing
	// that end releases it too (pipes.go).
	Partner int
}

// ArgOf names one argument of a function: Arg counts from 0 and
// includes the receiver of a method.
type ArgOf struct {
	Func FuncKey
	Arg  int
}

// Releases reports whether calling method name releases the kind.
func (k *Kind) Releases(name string) bool { return slices.Contains(k.Release, name) }

// ReleasedBy reports whether passing the resource to fn releases it.
func (k *Kind) ReleasedBy(fn FuncKey) bool { return slices.Contains(k.ReleaseFuncs, fn) }

// Verb describes the release in messages: "closed", "stopped",
// "committed or rolled back".
func (k *Kind) Verb() string {
	switch {
	case k.Call:
		return "called"
	case k.Releases("Commit") && k.Releases("Rollback"):
		return "committed or rolled back"
	case len(k.Release) == 1 && k.Release[0] == "Stop":
		return "stopped"
	case len(k.Release) == 1 && k.Release[0] == "Close",
		len(k.Release) == 2 && k.Release[0] == "Close" && k.Release[1] == "CloseWithError":
		return "closed"
	case len(k.Release) == 1 && k.Release[0] == "Wait":
		return "waited for"
	case len(k.Release) == 0 && len(k.ReleaseFuncs) == 1 && k.ReleaseFuncs[0].Name == "RemoveAll":
		return "removed"
	case len(k.Release) == 0:
		names := make([]string, len(k.ReleaseFuncs))
		for i, f := range k.ReleaseFuncs {
			names[i] = f.String()
		}
		return "released (" + strings.Join(names, " or ") + ")"
	}
	return "released (" + strings.Join(k.Release, " or ") + ")"
}

// FixMethod is the release call a fix inserts in a defer: Rollback for a
// transaction, the first release method otherwise.
func (k *Kind) FixMethod() string {
	if len(k.Release) == 0 {
		return ""
	}
	if k.Releases("Rollback") {
		return "Rollback"
	}
	if len(k.Release) == 0 {
		return "" // a function released by calling it
	}
	return k.Release[0]
}

// A Constructor is a call that returns a fresh resource.
type Constructor struct {
	Func FuncKey
	Kind *Kind
	// Result is the index of the resource in the call's results, or
	// ReceiverResult when the call makes its receiver a resource.
	Result int
	// More are the indices of further results of the same kind that the
	// call also acquires (os.Pipe returns two files).
	More []int
}

// results lists every result index the constructor acquires.
func (c Constructor) results() []int {
	return append([]int{c.Result}, c.More...)
}

// ReceiverResult is the Constructor.Result of a method that acquires its
// receiver: after cmd.Start() the *exec.Cmd is owed a Wait.
const ReceiverResult = -1

// Table is the resource table: kinds and the calls that create them.
// Analyzers and flags extend it; the engine reads it.
type Table struct {
	kinds  []*Kind
	byType map[TypeKey]*Kind
	byName map[string]*Kind
	ctors  map[FuncKey]Constructor
}

// NewTable returns a table holding the given kinds and constructors.
func NewTable() *Table {
	return &Table{
		byType: make(map[TypeKey]*Kind),
		byName: make(map[string]*Kind),
		ctors:  make(map[FuncKey]Constructor),
	}
}

// AddKind adds k, replacing any kind of the same type. A kind without a
// named type (a temporary directory is a string) is found by name only.
func (t *Table) AddKind(k *Kind) *Kind {
	if old := t.byType[k.Type]; old != nil && k.Type != (TypeKey{}) {
		*old = *k
		return old
	}
	t.kinds = append(t.kinds, k)
	if k.Type != (TypeKey{}) {
		t.byType[k.Type] = k
	}
	t.byName[k.Name] = k
	return k
}

// AddConstructor records that calls of fn return a k at result index res
// and at each of the indices more.
func (t *Table) AddConstructor(fn FuncKey, k *Kind, res int, more ...int) {
	t.ctors[fn] = Constructor{Func: fn, Kind: k, Result: res, More: more}
}

// KindOfType returns the kind whose type is key, if any.
func (t *Table) KindOfType(key TypeKey) *Kind { return t.byType[key] }

// KindNamed returns the kind with the given name, if any.
func (t *Table) KindNamed(name string) *Kind { return t.byName[name] }

// Constructor returns the constructor entry for fn, if any.
func (t *Table) Constructor(fn FuncKey) (Constructor, bool) {
	c, ok := t.ctors[fn]
	return c, ok
}

// Kinds returns the kinds in insertion order.
func (t *Table) Kinds() []*Kind { return t.kinds }

// releaseNames is the union of all release methods, used for values whose
// kind is not known (a parameter of interface type).
func (t *Table) releaseNames() []string {
	names := []string{"Close"}
	for _, k := range t.kinds {
		if k.TestOnly || k.OwnRelease {
			continue // Wait is too common a name to mean a release
		}
		for _, m := range k.Release {
			if !slices.Contains(names, m) {
				names = append(names, m)
			}
		}
	}
	return names
}

// Extend parses one extension entry and adds it to the table:
//
//	importpath.Type:Release[|Release...]=Constructor[|Constructor...]
//
// where each constructor is importpath.Func or importpath.Type.Method and
// returns the resource as its first result.
func (t *Table) Extend(entry string) error {
	lhs, ctorList, ok := strings.Cut(entry, "=")
	if !ok {
		return fmt.Errorf("resource %q: want importpath.Type:Release=importpath.Constructor", entry)
	}
	typ, methods, ok := strings.Cut(lhs, ":")
	if !ok || methods == "" {
		return fmt.Errorf("resource %q: missing :Release method after the type", entry)
	}
	key, ok := parseTypeKey(typ)
	if !ok {
		return fmt.Errorf("resource %q: type %q is not of the form importpath.Type", entry, typ)
	}
	k := &Kind{Name: key.String(), Type: key, Release: strings.Split(methods, "|"), Noun: key.Name}
	for _, m := range k.Release {
		if !isIdent(m) {
			return fmt.Errorf("resource %q: release method %q is not an identifier", entry, m)
		}
	}
	var ctors []FuncKey
	for _, c := range strings.Split(ctorList, "|") {
		fk, ok := parseFuncKey(c)
		if !ok {
			return fmt.Errorf("resource %q: constructor %q is not of the form importpath.Func or importpath.Type.Method", entry, c)
		}
		ctors = append(ctors, fk)
	}
	k = t.AddKind(k)
	for _, fk := range ctors {
		t.AddConstructor(fk, k, 0)
	}
	recordExtension(&extension{owner: "unclosed", entry: entry, resource: key, funcs: ctors, release: k.Release})
	return nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9' {
			continue
		}
		return false
	}
	return true
}
