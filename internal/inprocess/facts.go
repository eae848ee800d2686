package inprocess

import (
	"fmt"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/leakvet/leakvet/internal/vetfacts"
)

// factStore holds the facts of the run: each analysed unit's own facts,
// encoded as in a vetx file (so that they can be cached and read back
// against the types its importers see), and decoded once per package
// its importers see.
type factStore struct {
	types *typeSource

	mu      sync.Mutex
	encoded map[*Unit][]byte                 // a unit's own facts
	decoded map[*types.Package]*packageFacts // by the package importers see
	reach   map[*types.Package]map[string]*types.Package
}

// packageFacts are the facts about one package and its objects, as
// decoded after reads export data reads.
type packageFacts struct {
	objects  map[objectFactKey]analysis.Fact
	packages map[reflect.Type]analysis.Fact
	reads    int64
}

type objectFactKey struct {
	obj types.Object
	t   reflect.Type
}

func newFactStore(ts *typeSource) *factStore {
	return &factStore{
		types:   ts,
		encoded: make(map[*Unit][]byte),
		decoded: make(map[*types.Package]*packageFacts),
		reach:   make(map[*types.Package]map[string]*types.Package),
	}
}

// set records the encoded facts of u.
func (s *factStore) set(u *Unit, data []byte) {
	s.mu.Lock()
	s.encoded[u] = data
	s.mu.Unlock()
}

// of returns the facts about pkg, decoding them on first use; none when
// pkg stands for no analysed unit (the standard library).
func (s *factStore) of(pkg *types.Package) *packageFacts {
	u := s.types.unit(pkg)
	reads := s.types.reads.Load()
	s.mu.Lock()
	defer s.mu.Unlock()
	// A package read in part may have gained objects since (shallow
	// reads): decode again. Read whole, it is decoded once.
	if pf, ok := s.decoded[pkg]; ok && (!s.types.shallow || pf.reads == reads) {
		return pf
	}
	pf := &packageFacts{reads: reads}
	if u != nil {
		records, err := vetfacts.Decode(s.encoded[u])
		if err != nil {
			// Facts this process encoded: a failure is a bug.
			panic(fmt.Sprintf("the facts of %s: %v", u.ID, err))
		}
		if len(records) > 0 {
			pf.objects = make(map[objectFactKey]analysis.Fact)
			pf.packages = make(map[reflect.Type]analysis.Fact)
			for _, r := range records {
				if r.Object == "" {
					pf.packages[reflect.TypeOf(r.Fact)] = r.Fact
					continue
				}
				obj, err := objectpath.Object(pkg, r.Object)
				if err != nil {
					continue // not in this view of the package, as unitchecker drops it
				}
				pf.objects[objectFactKey{obj, reflect.TypeOf(r.Fact)}] = r.Fact
			}
		}
	}
	s.decoded[pkg] = pf
	return pf
}

// forget drops the decoded facts of a package no unit will see again.
func (s *factStore) forget(pkg *types.Package) {
	s.mu.Lock()
	delete(s.decoded, pkg)
	delete(s.reach, pkg)
	s.mu.Unlock()
}

// reachable returns the packages an importer can name through imp, as
// vetfacts.Reachable finds them, once per imported package.
func (s *factStore) reachable(imp *types.Package) map[string]*types.Package {
	s.mu.Lock()
	r, ok := s.reach[imp]
	s.mu.Unlock()
	if ok {
		return r
	}
	r = vetfacts.Reachable([]*types.Package{imp})
	s.mu.Lock()
	s.reach[imp] = r
	s.mu.Unlock()
	return r
}

// unitFacts is the view of the facts one unit's analysis has, as
// unitchecker gives it: all facts of its direct imports, the facts about
// types, fields and methods of the packages it can reach through them,
// and its own.
type unitFacts struct {
	store  *factStore
	pkg    *types.Package
	direct map[*types.Package]bool

	mu  sync.Mutex
	own map[factKey]analysis.Fact
}

// factKey identifies one of the unit's own facts; a package fact has no
// object.
type factKey struct {
	obj types.Object
	t   reflect.Type
}

func newUnitFacts(store *factStore, pkg *types.Package) *unitFacts {
	direct := make(map[*types.Package]bool)
	for _, imp := range pkg.Imports() {
		direct[imp] = true
	}
	return &unitFacts{store: store, pkg: pkg, direct: direct, own: make(map[factKey]analysis.Fact)}
}

// visible reports whether an imported fact about obj (nil: about pkg
// itself) is in the unit's view.
func (f *unitFacts) visible(pkg *types.Package, obj types.Object) bool {
	return f.direct[pkg] || vetfacts.Reexported(obj)
}

func (f *unitFacts) importObjectFact(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil {
		panic("ImportObjectFact of a nil object")
	}
	t := reflect.TypeOf(ptr)
	var v analysis.Fact
	if obj.Pkg() == f.pkg {
		f.mu.Lock()
		v = f.own[factKey{obj, t}]
		f.mu.Unlock()
	} else if pf := f.store.of(obj.Pkg()); pf != nil && f.visible(obj.Pkg(), obj) {
		v = pf.objects[objectFactKey{obj, t}]
	}
	if v == nil {
		return false
	}
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	return true
}

func (f *unitFacts) importPackageFact(pkg *types.Package, ptr analysis.Fact) bool {
	if pkg == nil {
		panic("ImportPackageFact of a nil package")
	}
	t := reflect.TypeOf(ptr)
	var v analysis.Fact
	if pkg == f.pkg {
		f.mu.Lock()
		v = f.own[factKey{nil, t}]
		f.mu.Unlock()
	} else if pf := f.store.of(pkg); pf != nil && f.direct[pkg] {
		v = pf.packages[t]
	}
	if v == nil {
		return false
	}
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	return true
}

func (f *unitFacts) exportObjectFact(obj types.Object, fact analysis.Fact) {
	if obj.Pkg() != f.pkg {
		panic(fmt.Sprintf("in package %s: ExportObjectFact(%s, %T) about another package's object", f.pkg.Path(), obj, fact))
	}
	f.mu.Lock()
	f.own[factKey{obj, reflect.TypeOf(fact)}] = fact
	f.mu.Unlock()
}

func (f *unitFacts) exportPackageFact(fact analysis.Fact) {
	f.mu.Lock()
	f.own[factKey{nil, reflect.TypeOf(fact)}] = fact
	f.mu.Unlock()
}

// reachable returns the imported packages whose facts the unit sees.
func (f *unitFacts) reachable() map[string]*types.Package {
	out := make(map[string]*types.Package)
	for _, imp := range f.pkg.Imports() {
		for path, p := range f.store.reachable(imp) {
			out[path] = p
		}
	}
	return out
}

func (f *unitFacts) allObjectFacts(filter map[reflect.Type]bool) []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for _, p := range f.reachable() {
		if pf := f.store.of(p); pf != nil {
			for k, v := range pf.objects {
				if filter[k.t] && f.visible(p, k.obj) {
					out = append(out, analysis.ObjectFact{Object: k.obj, Fact: v})
				}
			}
		}
	}
	f.mu.Lock()
	for k, v := range f.own {
		if k.obj != nil && filter[k.t] {
			out = append(out, analysis.ObjectFact{Object: k.obj, Fact: v})
		}
	}
	f.mu.Unlock()
	return out
}

func (f *unitFacts) allPackageFacts(filter map[reflect.Type]bool) []analysis.PackageFact {
	var out []analysis.PackageFact
	for p := range f.direct {
		if pf := f.store.of(p); pf != nil {
			for t, v := range pf.packages {
				if filter[t] {
					out = append(out, analysis.PackageFact{Package: p, Fact: v})
				}
			}
		}
	}
	f.mu.Lock()
	for k, v := range f.own {
		if k.obj == nil && filter[k.t] {
			out = append(out, analysis.PackageFact{Package: f.pkg, Fact: v})
		}
	}
	f.mu.Unlock()
	return out
}

// encode returns the unit's own facts as a facts section, leaving out
// those about objects without an object path, as unitchecker does.
func (f *unitFacts) encode() ([]byte, error) {
	var facts []vetfacts.Fact
	f.mu.Lock()
	for k, fact := range f.own {
		facts = append(facts, vetfacts.Fact{Pkg: f.pkg, Obj: k.obj, Fact: fact})
	}
	f.mu.Unlock()
	data, err := vetfacts.Encode(facts)
	if err != nil {
		return nil, fmt.Errorf("the facts of %s: %w", f.pkg.Path(), err)
	}
	return data, nil
}
