// Package vetfacts reads and writes the facts section of a vetx file, the
// format x/tools' unitchecker (its internal facts package) uses to hand a
// unit's facts to its importers, and says which imported facts a unit can
// see, as unitchecker decides it. The go vet tool's front end for
// dependency units and the in-process route share it, so that both give
// exactly unitchecker's facts.
package vetfacts

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// Record is one fact of a facts section, which is the gob encoding of a
// []Record. The field names are the format.
type Record struct {
	PkgPath string          // the package the fact is about, or whose object it is about
	Object  objectpath.Path // the object, relative to its package; empty for a package fact
	Fact    analysis.Fact
}

// Decode returns the records of a facts section; an empty section has
// none. The fact types must be registered with gob.
func Decode(data []byte) ([]Record, error) {
	if len(data) == 0 {
		return nil, nil
	}
	var records []Record
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&records); err != nil {
		return nil, fmt.Errorf("decoding facts: %w", err)
	}
	return records, nil
}

// A Fact is a fact about Obj, or about Pkg when Obj is nil.
type Fact struct {
	Pkg  *types.Package
	Obj  types.Object
	Fact analysis.Fact
}

// Encode returns the facts section of facts, as unitchecker writes it:
// those about objects without an object path are left out, and the rest
// sorted by package path, object path and fact type. No facts is an
// empty section.
func Encode(facts []Fact) ([]byte, error) {
	var enc objectpath.Encoder
	var records []Record
	for _, f := range facts {
		var path objectpath.Path
		if f.Obj != nil {
			p, err := enc.For(f.Obj)
			if err != nil {
				continue
			}
			path = p
		}
		records = append(records, Record{PkgPath: f.Pkg.Path(), Object: path, Fact: f.Fact})
	}
	if len(records) == 0 {
		return nil, nil
	}
	sort.Slice(records, func(i, j int) bool {
		x, y := records[i], records[j]
		if x.PkgPath != y.PkgPath {
			return x.PkgPath < y.PkgPath
		}
		if x.Object != y.Object {
			return x.Object < y.Object
		}
		return reflect.TypeOf(x.Fact).String() < reflect.TypeOf(y.Fact).String()
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(records); err != nil {
		return nil, fmt.Errorf("encoding facts: %w", err)
	}
	return buf.Bytes(), nil
}

// Reexported reports whether an imported fact about obj travels on in an
// importer's facts, so that the importer's own importers see it without
// importing obj's package: it must be about an object (not a package)
// that is a type or is not declared at package level (a field or a
// method).
func Reexported(obj types.Object) bool {
	if obj == nil {
		return false
	}
	if _, isType := obj.(*types.TypeName); isType {
		return true
	}
	return obj.Parent() != obj.Pkg().Scope()
}
