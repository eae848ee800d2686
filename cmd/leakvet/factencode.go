package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/types/objectpath"
)

// encode returns the facts section of the unit's vetx file, as x/tools'
// facts.Set.Encode writes it: the unit's own facts, and the imported
// facts about types, fields and methods, which importers may reach
// through this package's API without importing their package directly.
// Imported package facts and facts about imported package-level
// functions and variables are left out (importers read those from the
// package itself), as are facts about objects without an object path.
// The facts are sorted by package path, object path and fact type, and
// no facts is an empty section.
func (s *factSet) encode() ([]byte, error) {
	var enc objectpath.Encoder
	var out []gobFact
	s.mu.Lock()
	for k, fact := range s.m {
		if k.pkg != s.pkg && !reexported(k.obj) {
			continue
		}
		var path objectpath.Path
		if k.obj != nil {
			p, err := enc.For(k.obj)
			if err != nil {
				continue
			}
			path = p
		}
		out = append(out, gobFact{PkgPath: k.pkg.Path(), Object: path, Fact: fact})
	}
	s.mu.Unlock()
	if len(out) == 0 {
		return nil, nil
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.PkgPath != y.PkgPath {
			return x.PkgPath < y.PkgPath
		}
		if x.Object != y.Object {
			return x.Object < y.Object
		}
		return reflect.TypeOf(x.Fact).String() < reflect.TypeOf(y.Fact).String()
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(out); err != nil {
		return nil, fmt.Errorf("encoding the facts of %s: %w", s.pkg.Path(), err)
	}
	return buf.Bytes(), nil
}

// reexported reports whether an imported fact about obj travels on in
// this unit's facts: it must be about an object (not a package) that is
// a type or is not declared at package level (a field or a method).
func reexported(obj types.Object) bool {
	if obj == nil {
		return false
	}
	if _, isType := obj.(*types.TypeName); isType {
		return true
	}
	return obj.Parent() != obj.Pkg().Scope()
}
