// Package plugin is leakvet as a golangci-lint v2 module plugin.
//
// Importing it registers the linter "leakvet", which runs every analyzer
// of the suite (analyzers.All). Build a golangci-lint binary that contains
// it with `golangci-lint custom` and the .custom-gcl.example.yml file at the
// root of this module, and enable it with the settings shown in
// .golangci.example.yml:
//
//	linters:
//	  enable: [leakvet]
//	  settings:
//	    custom:
//	      leakvet:
//	        type: module
//	        settings:
//	          disable: [gocancel]
//	          unclosed:
//	            types: "example.com/store.Conn:Close=example.com/store.Dial"
//
// The settings are the command line's analyzer flags: the key
// ANALYZER.FLAG (written nested, as above, or dotted, "unclosed.types")
// sets the flag -ANALYZER.FLAG of the standalone command, and "disable"
// lists analyzers to switch off. Keys are matched without regard to case,
// because golangci-lint lowercases them.
package plugin

import (
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/analyzers"
)

// Name is the linter's name in golangci-lint: in linters.enable, in
// linters.settings.custom and in //nolint directives.
const Name = "leakvet"

func init() {
	register.Plugin(Name, New)
}

// New decodes the settings golangci-lint passes (the value of
// linters.settings.custom.leakvet.settings), applies the analyzer flags
// they set and returns the plugin. An unknown key, a value of the wrong
// type or an unknown analyzer name is an error that names the key.
func New(conf any) (register.LinterPlugin, error) {
	suite := analyzers.All()
	s, err := decode(conf, suite)
	if err != nil {
		return nil, err
	}
	if err := s.apply(); err != nil {
		return nil, err
	}
	return &linter{suite: suite, disabled: s.disabled}, nil
}

// linter is the registered plugin.
type linter struct {
	suite    []*analysis.Analyzer
	disabled map[string]bool
}

// BuildAnalyzers returns the analyzers of the suite that the settings do
// not switch off, each adapted to golangci-lint's output (see forGolangci).
func (l *linter) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range l.suite {
		if !l.disabled[a.Name] {
			out = append(out, forGolangci(a))
		}
	}
	return out, nil
}

// GetLoadMode returns "typesinfo": the analyzers need type information and
// SSA, and the engine they share exports facts. In this mode golangci-lint
// type-checks the packages it lints from source, reads their dependencies'
// types from export data, and runs analyzers with facts on the
// dependencies too (from source when the facts are not in its cache). The
// "syntax" mode gives no types, under which the analyzers cannot run.
func (l *linter) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// forGolangci returns a copy of a whose diagnostics suit golangci-lint:
//
//   - without the "NAME: " every leakvet message starts with, because
//     golangci-lint adds that prefix itself to the messages of a linter made
//     of several analyzers, and the name would appear twice;
//   - without related information, because golangci-lint turns each related
//     position into an issue of its own, which a //nolint:leakvet on the
//     reported line does not silence. The message itself names the line
//     where the resource leaks.
func forGolangci(a *analysis.Analyzer) *analysis.Analyzer {
	prefix := a.Name + ": "
	run := a.Run
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Message = strings.TrimPrefix(d.Message, prefix)
			d.Related = nil
			report(d)
		}
		return run(pass)
	}
	return &w
}
