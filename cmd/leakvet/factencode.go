package main

import (
	"fmt"

	"golang.org/x/tools/go/types/objectpath"

	"github.com/leakvet/leakvet/internal/vetfacts"
)

// encode returns the facts section of the unit's vetx file, as x/tools'
// facts.Set.Encode writes it: the unit's own facts, and the imported
// facts about types, fields and methods, which importers may reach
// through this package's API without importing their package directly.
// Imported package facts and facts about imported package-level
// functions and variables are left out (importers read those from the
// package itself), as are facts about objects without an object path.
func (s *factSet) encode() ([]byte, error) {
	var enc objectpath.Encoder
	var out []vetfacts.Record
	s.mu.Lock()
	for k, fact := range s.m {
		if k.pkg != s.pkg && !vetfacts.Reexported(k.obj) {
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
		out = append(out, vetfacts.Record{PkgPath: k.pkg.Path(), Object: path, Fact: fact})
	}
	s.mu.Unlock()
	data, err := vetfacts.Encode(out)
	if err != nil {
		return nil, fmt.Errorf("the facts of %s: %w", s.pkg.Path(), err)
	}
	return data, nil
}
