package main

import (
	"go/ast"

	"github.com/leakvet/leakvet/internal/generated"
)

// stripGeneratedBodies drops the bodies of the functions and methods
// declared in generated files that the engine leaves unsummarised in a
// unit analysed only for its facts (lifecycle.FactsOnly, BodyFilter), so
// that they are not type-checked either: in protobuf, Kubernetes API
// types and parsers that is a large share of a unit. Only functions that
// are neither init, nor generic, nor methods of generic types are
// candidates (a body-less init or generic function is an error); of
// those, droppable, the engine's own filter, decides. The files must
// have been parsed with comments. It returns the files that lost a body.
func stripGeneratedBodies(files []*ast.File, droppable func(*ast.FuncDecl) bool) []*ast.File {
	var stripped []*ast.File
	for _, f := range files {
		if !generated.File(f) {
			continue
		}
		lost := false
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && bodyStrippable(fn) && droppable(fn) {
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
// function whose body is a candidate for stripping: if none does, the
// declarations-only check that droppable needs is not worth its cost.
func hasStrippable(files []*ast.File) bool {
	for _, f := range files {
		if !generated.File(f) {
			continue
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && bodyStrippable(fn) {
				return true
			}
		}
	}
	return false
}

// bodyStrippable reports whether fn is neither init, nor generic, nor a
// method of a generic type.
func bodyStrippable(fn *ast.FuncDecl) bool {
	if fn.Body == nil || fn.Type.TypeParams.NumFields() > 0 {
		return false
	}
	if fn.Recv == nil {
		return fn.Name.Name != "init"
	}
	if fn.Recv.NumFields() != 1 {
		return false // malformed: leave it to the type checker
	}
	return !genericReceiver(fn.Recv.List[0].Type)
}

// genericReceiver reports whether a receiver type expression names a
// generic type: T[P] or T[P, Q], possibly behind a pointer or parens.
func genericReceiver(expr ast.Expr) bool {
	for {
		switch e := expr.(type) {
		case *ast.StarExpr:
			expr = e.X
		case *ast.ParenExpr:
			expr = e.X
		case *ast.IndexExpr, *ast.IndexListExpr:
			return true
		default:
			return false
		}
	}
}
