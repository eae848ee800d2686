package main

import (
	"fmt"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/leakvet/leakvet/internal/vetfacts"
)

// factSet holds the facts of one unit: those decoded from its direct
// imports' vetx files and those its analysis exports. It behaves as
// x/tools' internal facts.Set does for unitchecker, so the facts section
// it encodes is read back exactly as unitchecker's own.
type factSet struct {
	pkg *types.Package
	mu  sync.Mutex
	m   map[factKey]analysis.Fact
}

// factKey identifies a fact: a package fact has no object.
type factKey struct {
	pkg *types.Package
	obj types.Object
	t   reflect.Type
}

// decodeFacts reads the facts of pkg's direct imports, whose facts
// sections factsOf returns by package path. Facts about a package pkg
// cannot reach through its imports' types, or about an object objectpath
// cannot find, are dropped: the unit cannot name them.
func decodeFacts(pkg *types.Package, factsOf func(path string) ([]byte, error)) (*factSet, error) {
	s := &factSet{pkg: pkg, m: make(map[factKey]analysis.Fact)}
	reachable := vetfacts.Reachable(pkg.Imports())
	for _, imp := range pkg.Imports() {
		data, err := factsOf(imp.Path())
		if err != nil {
			return nil, err
		}
		decoded, err := vetfacts.Decode(data)
		if err != nil {
			return nil, fmt.Errorf("the facts of %q: %w", imp.Path(), err)
		}
		for _, f := range decoded {
			factPkg := reachable[f.PkgPath]
			if factPkg == nil {
				continue
			}
			key := factKey{pkg: factPkg, t: reflect.TypeOf(f.Fact)}
			if f.Object != "" {
				obj, err := objectpath.Object(factPkg, f.Object)
				if err != nil {
					continue
				}
				key.obj = obj
			}
			s.m[key] = f.Fact
		}
	}
	return s, nil
}

// importObjectFact is analysis.Pass.ImportObjectFact.
func (s *factSet) importObjectFact(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil {
		panic("ImportObjectFact of a nil object")
	}
	return s.importFact(factKey{pkg: obj.Pkg(), obj: obj, t: reflect.TypeOf(ptr)}, ptr)
}

// importPackageFact is analysis.Pass.ImportPackageFact.
func (s *factSet) importPackageFact(pkg *types.Package, ptr analysis.Fact) bool {
	if pkg == nil {
		panic("ImportPackageFact of a nil package")
	}
	return s.importFact(factKey{pkg: pkg, t: reflect.TypeOf(ptr)}, ptr)
}

// importFact copies the fact under key into *ptr.
func (s *factSet) importFact(key factKey, ptr analysis.Fact) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	}
	return ok
}

// exportObjectFact is analysis.Pass.ExportObjectFact: a package states
// facts about its own objects only.
func (s *factSet) exportObjectFact(obj types.Object, fact analysis.Fact) {
	if obj.Pkg() != s.pkg {
		panic(fmt.Sprintf("in package %s: ExportObjectFact(%s, %T) about another package's object", s.pkg.Path(), obj, fact))
	}
	s.mu.Lock()
	s.m[factKey{pkg: obj.Pkg(), obj: obj, t: reflect.TypeOf(fact)}] = fact
	s.mu.Unlock()
}

// exportPackageFact is analysis.Pass.ExportPackageFact.
func (s *factSet) exportPackageFact(fact analysis.Fact) {
	s.mu.Lock()
	s.m[factKey{pkg: s.pkg, t: reflect.TypeOf(fact)}] = fact
	s.mu.Unlock()
}

// allObjectFacts is analysis.Pass.AllObjectFacts for an analyzer whose
// fact types are those of filter.
func (s *factSet) allObjectFacts(filter map[reflect.Type]bool) []analysis.ObjectFact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.ObjectFact
	for k, v := range s.m {
		if k.obj != nil && filter[k.t] {
			out = append(out, analysis.ObjectFact{Object: k.obj, Fact: v})
		}
	}
	return out
}

// allPackageFacts is analysis.Pass.AllPackageFacts for an analyzer whose
// fact types are those of filter.
func (s *factSet) allPackageFacts(filter map[reflect.Type]bool) []analysis.PackageFact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.PackageFact
	for k, v := range s.m {
		if k.obj == nil && filter[k.t] {
			out = append(out, analysis.PackageFact{Package: k.pkg, Fact: v})
		}
	}
	return out
}
