package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"

	"github.com/leakvet/leakvet/internal/generated"
)

// FactsOnly is set by a driver that analyses a package only for the facts
// its importers need, and never reports on it: go vet's dependency units
// outside the standard library (VetxOnly in the unitchecker protocol).
// The engine then leaves the bodies of functions in generated files
// unsummarised (their calls are unknown to callers, as a package the
// engine never analysed would be), which is most of the cost of
// dependencies such as protobuf and Kubernetes API types and translated C.
// Like report.IncludeGenerated it is set once at start-up.
var FactsOnly bool

// withoutGeneratedBodies returns files with the bodies of the functions
// declared in generated files removed, and the base names of those
// files, when the engine runs for facts only; otherwise files, nil.
//
// Kept are init functions (package initialisation), generic functions
// and methods of generic types (go/types and go/ssa need their bodies to
// instantiate them). The copies are shallow: only the declarations that
// lose their bodies are new.
func withoutGeneratedBodies(fset *token.FileSet, info *types.Info, files []*ast.File) (analysed []*ast.File, unsummarised []string) {
	if !FactsOnly {
		return files, nil
	}
	analysed = make([]*ast.File, len(files))
	for i, f := range files {
		analysed[i] = f
		if !generated.File(f) {
			continue
		}
		unsummarised = append(unsummarised, filepath.Base(fset.File(f.FileStart).Name()))
		stripped := *f
		stripped.Decls = make([]ast.Decl, len(f.Decls))
		for j, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil && bodyDroppable(info, fd) {
				copied := *fd
				copied.Body = nil
				decl = &copied
			}
			stripped.Decls[j] = decl
		}
		analysed[i] = &stripped
	}
	return analysed, unsummarised
}

// bodyDroppable reports whether fd may lose its body: not init, and
// neither generic nor a method of a generic type.
func bodyDroppable(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Recv == nil && fd.Name.Name == "init" {
		return false
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	return sig.TypeParams().Len() == 0 && sig.RecvTypeParams().Len() == 0
}

// declaredUnsummarised reports whether obj, a function of another package, is
// declared in a file its package's engine left unsummarised.
func (e *engine) declaredUnsummarised(obj *types.Func) bool {
	a := e.analyzedFact(obj.Pkg())
	if a == nil || len(a.Unsummarised) == 0 {
		return false
	}
	file := e.pass.Fset.File(obj.Pos())
	return file == nil || !a.Summarised(filepath.Base(file.Name()))
}
