package report

import (
	"go/ast"
	"go/token"

	"github.com/leakvet/leakvet/internal/generated"
)

// IncludeGenerated, when true, lets diagnostics in generated files (those
// with the standard `// Code generated ... DO NOT EDIT.` header) through.
// By default they are dropped: nobody can fix or annotate generated code
// where it is reported. Every route sets it once at start-up, before any
// package is analysed: the standalone command's and go vet's -generated
// flag, the golangci-lint plugin's "generated" setting and the
// configuration file's "generated" key. It is read-only afterwards.
var IncludeGenerated bool

// Exclude, when set, says whether findings in a file, named by its
// absolute path, are hidden: the path excludes of the configuration file.
// Like IncludeGenerated, it is set once at start-up.
var Exclude func(filename string) bool

// GeneratedUsage is the help text of the -generated flag, the same in
// every route.
const GeneratedUsage = "report findings in generated files (with a `// Code generated ... DO NOT EDIT.` header) too"

// generatedFiles remembers, per pass, which files are generated or
// excluded.
type generatedFiles struct {
	files []*ast.File
	gen   map[*ast.File]bool
}

func newGeneratedFiles(fset *token.FileSet, files []*ast.File) *generatedFiles {
	g := &generatedFiles{files: files, gen: make(map[*ast.File]bool)}
	for _, f := range files {
		if !IncludeGenerated && generated.File(f) || Exclude != nil && Exclude(fset.File(f.FileStart).Name()) {
			g.gen[f] = true
		}
	}
	return g
}

// hides reports whether a diagnostic at pos is dropped because it lies in
// a generated or excluded file. Reading the header from the syntax tree, rather than
// from the file, keeps the analyzers free of file access, as go vet,
// golangci-lint and nogo require.
func (g *generatedFiles) hides(pos token.Pos) bool {
	if len(g.gen) == 0 {
		return false
	}
	for _, f := range g.files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return g.gen[f]
		}
	}
	return false
}
