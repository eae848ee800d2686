// Package docs extracts an analyzer's user documentation from the package
// comment of its doc.go, so that the text users read with `leakvet help
// <name>` and on the package page is written once.
package docs

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the section of the package comment in src that follows
// the heading "# Analyzer <name>", up to the next heading. It panics if
// the section is missing: that is a build mistake, caught by any test.
func Extract(src, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		panic(fmt.Sprintf("docs: parsing doc.go of %s: %v", name, err))
	}
	if f.Doc == nil {
		panic(fmt.Sprintf("docs: doc.go of %s has no package comment", name))
	}
	heading := "# Analyzer " + name
	text := f.Doc.Text()
	_, section, ok := strings.Cut(text, heading+"\n")
	if !ok {
		panic(fmt.Sprintf("docs: doc.go of %s has no %q section", name, heading))
	}
	if i := strings.Index(section, "\n# "); i >= 0 {
		section = section[:i]
	}
	return strings.TrimSpace(section)
}
