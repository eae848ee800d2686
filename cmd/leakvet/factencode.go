package main

import (
	"fmt"

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
	var facts []vetfacts.Fact
	s.mu.Lock()
	for k, fact := range s.m {
		if k.pkg == s.pkg || vetfacts.Reexported(k.obj) {
			facts = append(facts, vetfacts.Fact{Pkg: k.pkg, Obj: k.obj, Fact: fact})
		}
	}
	s.mu.Unlock()
	data, err := vetfacts.Encode(facts)
	if err != nil {
		return nil, fmt.Errorf("the facts of %s: %w", s.pkg.Path(), err)
	}
	return data, nil
}
