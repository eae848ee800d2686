package lifecycle

import (
	"fmt"
	"go/types"
	"slices"
	"sort"
	"strings"
	"sync"
)

// An extension is one entry of a list flag (-unclosed.types,
// -clientreuse.constructors, -clientreuse.entries), kept so that the names
// it uses can be checked against the packages that declare them: a typo
// would otherwise match nothing without a word, and a release method the
// type lacks would make a fix write code that does not compile.
type extension struct {
	owner   string    // the analyzer whose flag added it
	entry   string    // as written
	types   []TypeKey // types that must exist
	funcs   []FuncKey // functions and methods that must exist
	release []string  // methods, callable without arguments, that released values must have
	// resource, when set, is the type the constructors must return (as
	// their first result) and the release methods belong to; otherwise
	// they belong to the constructors' first result or to types[0].
	resource TypeKey
}

// packages returns the import paths the entry names.
func (x *extension) packages() []string {
	var paths []string
	for _, t := range x.types {
		paths = append(paths, t.Pkg)
	}
	for _, f := range x.funcs {
		paths = append(paths, f.Pkg)
	}
	if x.resource.Pkg != "" {
		paths = append(paths, x.resource.Pkg)
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// extensions holds every entry the flags added. Flags are set at start-up;
// the checks below run as packages are analysed, possibly in parallel.
var extensions struct {
	sync.Mutex
	list    []*extension
	checked map[string]bool // import paths whose entries were checked
}

func recordExtension(x *extension) {
	extensions.Lock()
	defer extensions.Unlock()
	extensions.list = append(extensions.list, x)
}

// HasExtensions reports whether list flags added entries to the table.
// Their check (CheckExtensions) reports a bad entry once per process, on
// the first package that can name what it names, through the analyzer
// whose flag added it: a driver that analyses dependencies with the
// engine alone in one process would lose the report.
func HasExtensions() bool {
	extensions.Lock()
	defer extensions.Unlock()
	return len(extensions.list) > 0
}

// CheckExtensions checks the flag entries that name pkg, or a package pkg
// imports directly or not, against their declarations: each type, function and method must exist, each
// constructor of a resource must return it, and each release method must
// exist and take no arguments. Entries are checked once per process, for
// the first package that declares or imports what they name. The errors
// are keyed by the analyzer whose flag added the entry, which reports
// them: under go vet only the error of an analyzer that was asked for is
// printed, not that of the engine it requires.
func CheckExtensions(pkg *types.Package) map[string]error {
	extensions.Lock()
	defer extensions.Unlock()
	if len(extensions.list) == 0 {
		return nil
	}
	if extensions.checked == nil {
		extensions.checked = make(map[string]bool)
	}
	// The package and everything it imports, as far as its types tell:
	// under go vet, where each process analyses one package, a package
	// that uses a misspelt entry fails too, and go fix writes nothing.
	byPath := make(map[string]*types.Package)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if _, seen := byPath[p.Path()]; seen {
			return
		}
		byPath[p.Path()] = p
		for _, imp := range p.Imports() {
			visit(imp)
		}
	}
	visit(pkg)
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		if !extensions.checked[p] {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	errs := make(map[string][]string)
	for _, path := range paths {
		extensions.checked[path] = true
		for _, x := range extensions.list {
			if !slices.Contains(x.packages(), path) {
				continue
			}
			if err := x.check(path, byPath[path]); err != nil {
				errs[x.owner] = append(errs[x.owner], err.Error())
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	out := make(map[string]error)
	for owner, list := range errs {
		out[owner] = fmt.Errorf("%s", strings.Join(list, "; "))
	}
	return out
}

// UncheckedExtensionPackages returns the import paths named by flag
// entries that no analysed package declared or imported: a command that
// saw the whole build can ask the go command whether they exist at all.
func UncheckedExtensionPackages() []string {
	extensions.Lock()
	defer extensions.Unlock()
	var out []string
	for _, x := range extensions.list {
		for _, p := range x.packages() {
			if !extensions.checked[p] && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// check checks the names of x declared in pkg (import path path).
func (x *extension) check(path string, pkg *types.Package) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("entry %q: %s", x.entry, fmt.Sprintf(format, args...))
	}
	for _, t := range x.types {
		if t.Pkg == path && lookupType(pkg, t.Name) == nil {
			return fail("package %s declares no type %s", path, t.Name)
		}
	}
	if x.resource.Pkg == path && lookupType(pkg, x.resource.Name) == nil {
		return fail("package %s declares no type %s", path, x.resource.Name)
	}
	for _, f := range x.funcs {
		if f.Pkg != path {
			continue
		}
		fn, err := lookupFunc(pkg, f)
		if err != nil {
			return fail("%v", err)
		}
		res := fn.Signature().Results()
		if res.Len() == 0 {
			return fail("%s returns nothing, so it constructs nothing", f)
		}
		first := res.At(0).Type()
		if x.resource.Pkg != "" {
			if k, ok := TypeKeyOf(first); !ok || k != x.resource {
				return fail("%s returns %s first, not %s", f, types.TypeString(first, nil), x.resource)
			}
			continue
		}
		if err := hasReleases(first, x.release); err != nil {
			return fail("%s returns %s: %v", f, types.TypeString(first, nil), err)
		}
	}
	owner := x.resource
	if owner.Pkg == "" && len(x.funcs) == 0 && len(x.types) > 0 {
		owner = x.types[0]
	}
	if owner.Pkg == path && len(x.release) > 0 {
		if tn := lookupType(pkg, owner.Name); tn != nil {
			if err := hasReleases(tn.Type(), x.release); err != nil {
				return fail("%s %v", owner, err)
			}
		}
	}
	return nil
}

// lookupType returns the type name declared in pkg, or nil.
func lookupType(pkg *types.Package, name string) *types.TypeName {
	tn, _ := pkg.Scope().Lookup(name).(*types.TypeName)
	return tn
}

// lookupFunc finds the function or method f in pkg.
func lookupFunc(pkg *types.Package, f FuncKey) (*types.Func, error) {
	if f.Recv == "" {
		fn, ok := pkg.Scope().Lookup(f.Name).(*types.Func)
		if !ok {
			return nil, fmt.Errorf("package %s declares no function %s", pkg.Path(), f.Name)
		}
		return fn, nil
	}
	tn := lookupType(pkg, f.Recv)
	if tn == nil {
		return nil, fmt.Errorf("package %s declares no type %s", pkg.Path(), f.Recv)
	}
	fn, ok := methodOf(tn.Type(), f.Name)
	if !ok {
		return nil, fmt.Errorf("type %s.%s has no method %s", pkg.Path(), f.Recv, f.Name)
	}
	return fn, nil
}

// methodOf looks a method up in the method set of t's pointer (of t
// itself for an interface or a pointer).
func methodOf(t types.Type, name string) (*types.Func, bool) {
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
	fn, ok := obj.(*types.Func)
	return fn, ok
}

// hasReleases checks that values of type t have each release method,
// callable with no arguments, as a deferred release is written.
func hasReleases(t types.Type, release []string) error {
	for _, m := range release {
		fn, ok := methodOf(t, m)
		if !ok {
			return fmt.Errorf("has no method %s", m)
		}
		if fn.Signature().Params().Len() > 0 {
			return fmt.Errorf("method %s takes arguments, so it cannot be called as a release", m)
		}
	}
	return nil
}
