package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/facts"
	"github.com/leakvet/leakvet/internal/vetfacts"
)

// checkPackages type-checks the packages of srcs, in order, each able to
// import the ones before it.
func checkPackages(t *testing.T, srcs ...[2]string) []*types.Package {
	t.Helper()
	fset := token.NewFileSet()
	byPath := make(map[string]*types.Package)
	var out []*types.Package
	for _, s := range srcs {
		f, err := parser.ParseFile(fset, s[0]+".go", s[1], 0)
		if err != nil {
			t.Fatal(err)
		}
		tc := &types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
			if p := byPath[path]; p != nil {
				return p, nil
			}
			return nil, fmt.Errorf("no package %s", path)
		})}
		pkg, err := tc.Check(s[0], fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		byPath[s[0]] = pkg
		out = append(out, pkg)
	}
	return out
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// encodedKeys returns "pkg object" for each fact of an encoded section.
func encodedKeys(t *testing.T, data []byte) []string {
	t.Helper()
	var list []vetfacts.Record
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&list); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range list {
		keys = append(keys, f.PkgPath+" "+string(f.Object))
	}
	return keys
}

// A unit's facts section holds its own facts and, of the facts it
// imported, those about types, fields and methods, sorted; facts about
// imported packages and their package-level functions and variables,
// and about objects without an object path, stay behind. An importer
// keeps the facts about objects it can reach, and drops the others.
func TestFactSetEncodeDecode(t *testing.T) {
	gob.Register(new(facts.Func))
	gob.Register(new(facts.Analyzed))
	pkgs := checkPackages(t,
		[2]string{"a", "package a\n\ntype T struct{ F int }\n\nfunc (T) M() {}\n\nfunc Fn() {}\n\nvar V int\n"},
		[2]string{"b", "package b\n\nimport \"a\"\n\nfunc Use(a.T) {}\n\nfunc local() { type hidden int; _ = hidden(0) }\n"},
		[2]string{"c", "package c\n\nimport \"b\"\n\nvar _ = b.Use\n"},
	)
	a, b, c := pkgs[0], pkgs[1], pkgs[2]
	tT := a.Scope().Lookup("T")
	set := &factSet{pkg: b, m: map[factKey]analysis.Fact{}}
	fact := func() *facts.Func { return &facts.Func{Closes: 1} }
	put := func(pkg *types.Package, obj types.Object, f analysis.Fact) {
		set.m[factKey{pkg: pkg, obj: obj, t: reflect.TypeOf(f)}] = f
	}
	put(a, tT, fact())
	put(a, tT.Type().Underlying().(*types.Struct).Field(0), fact())
	put(a, tT.Type().(*types.Named).Method(0), fact())
	put(a, a.Scope().Lookup("Fn"), fact())
	put(a, a.Scope().Lookup("V"), fact())
	put(a, nil, &facts.Analyzed{})
	put(b, localType(b, "hidden"), fact())
	set.exportObjectFact(b.Scope().Lookup("Use"), fact())
	set.exportPackageFact(&facts.Analyzed{})
	data, err := set.encode()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a T", "a T.M0", "a T.UF0", "b ", "b Use"}
	if got := encodedKeys(t, data); !slices.Equal(got, want) {
		t.Errorf("encoded facts %q, want %q", got, want)
	}

	// c imports b, whose API reaches a.T (and so a) through Use.
	decoded, err := decodeFacts(c, func(path string) ([]byte, error) { return data, nil })
	if err != nil {
		t.Fatal(err)
	}
	if n := len(decoded.m); n != len(want) {
		t.Errorf("c decoded %d facts, want %d", n, len(want))
	}
	var got facts.Func
	if !decoded.importObjectFact(tT, &got) || got.Closes != 1 {
		t.Errorf("c cannot import the fact about a.T: %v", got)
	}
}

// localType returns the type name declared in a function body of pkg.
func localType(pkg *types.Package, name string) types.Object {
	for file := range pkg.Scope().Children() {
		for fn := range file.Children() {
			if obj := fn.Lookup(name); obj != nil {
				return obj
			}
		}
	}
	panic("no local type " + name)
}
