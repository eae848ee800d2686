package directives

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/analyzers/clientreuse"
	"github.com/leakvet/leakvet/analyzers/gocancel"
	"github.com/leakvet/leakvet/analyzers/testcleanup"
	"github.com/leakvet/leakvet/analyzers/unclosed"
	"github.com/leakvet/leakvet/internal/directive"
	"github.com/leakvet/leakvet/internal/docs"
	"github.com/leakvet/leakvet/internal/report"
)

//go:embed doc.go
var doc string

// silencers are the analyzers a directive can silence, each of which
// returns the directives it used (report.UsageType).
var silencers = []*analysis.Analyzer{unclosed.Analyzer, clientreuse.Analyzer, gocancel.Analyzer, testcleanup.Analyzer}

// Analyzer reports malformed //leakvet:ignore directives and directives
// that silence nothing.
var Analyzer = &analysis.Analyzer{
	Name:     "directives",
	Doc:      docs.Extract(doc, "directives"),
	URL:      "https://github.com/leakvet/leakvet/blob/main/analyzers/directives/doc.go",
	Requires: silencers,
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	name := pass.Analyzer.Name
	usage := make(map[string]*directive.Usage)
	for _, a := range silencers {
		usage[a.Name] = pass.ResultOf[a].(*directive.Usage)
	}
	for _, d := range directive.Parse(pass.Fset, pass.Files).All() {
		if d.Problem != "" {
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: report.CategoryDirective, Message: name + ": " + d.Problem})
			continue
		}
		used := false
		for _, a := range d.Analyzers {
			u, known := usage[a]
			used = used || !known || u.Silenced(d.Pos)
		}
		if !used {
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: directive.UnusedCategory, Message: name + ": " + unusedMessage(d.Analyzers)})
		}
	}
	return nil, nil
}

// unusedMessage says that a directive naming analyzers silences nothing.
func unusedMessage(analyzers []string) string {
	list := strings.Join(analyzers, ",")
	who := analyzers[0] + " reports"
	if len(analyzers) > 1 {
		who = "none of " + strings.Join(analyzers, ", ") + " reports"
	}
	return fmt.Sprintf("//leakvet:ignore %s silences nothing: %s nothing on this line or the next; remove the directive", list, who)
}
