package main

import (
	"go/ast"

	"github.com/leakvet/leakvet/internal/generated"
)

// stripGeneratedBodies drops the bodies of the functions and methods
// declared in generated files that the engine leaves unsummarised in a
// unit analysed only for its facts (lifecycle.FactsOnly), so that they
// are not type-checked either: in protobuf, Kubernetes API types and
// parsers that is a large share of a unit. droppable is the engine's
// BodyFilter (which keeps init, generic functions, methods of generic
// types, and functions a resource can enter or leave). The files must
// have been parsed with comments. It returns the files that lost a body.
func stripGeneratedBodies(files []*ast.File, droppable func(*ast.FuncDecl) bool) []*ast.File {
	var stripped []*ast.File
	for _, f := range files {
		if !generated.File(f) {
			continue
		}
		lost := false
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil && droppable(fn) {
				fn.Body = nil
				lost = true
			}
		}
		if lost {
			stripped = append(stripped, f)
		}
	}
	return stripped
}

// hasStrippable reports whether any generated file of files declares a
// function with a body other than init: if none does, the
// declarations-only check that droppable needs is not worth its cost.
func hasStrippable(files []*ast.File) bool {
	for _, f := range files {
		if !generated.File(f) {
			continue
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil && (fn.Recv != nil || fn.Name.Name != "init") {
				return true
			}
		}
	}
	return false
}
