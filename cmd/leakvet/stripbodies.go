package main

import (
	"go/ast"

	"github.com/leakvet/leakvet/internal/generated"
)

// stripGeneratedBodies drops the bodies of the functions and methods
// declared in generated files that the engine leaves unsummarised in a
// unit analysed only for its facts (lifecycle.FactsOnly), so that they
// are not type-checked either: in protobuf, Kubernetes API types and
// translated C that is a third of a unit. Kept are init functions (a
// body-less init is an error), generic functions and methods of generic
// types (instantiated through their bodies, and a body-less generic
// function is an error too). The files must have been parsed with
// comments. It returns the files that lost a body.
func stripGeneratedBodies(files []*ast.File) []*ast.File {
	var stripped []*ast.File
	for _, f := range files {
		if !generated.File(f) {
			continue
		}
		lost := false
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && bodyStrippable(fn) {
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
