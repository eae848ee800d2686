package plugin

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/analyzers"
)

func TestNewRejectsBadSettings(t *testing.T) {
	_, err := New(map[string]any{"unclosed": map[string]any{"typez": "x"}})
	if err == nil || !strings.Contains(err.Error(), `unknown key "unclosed.typez"`) {
		t.Errorf("New with a misspelt key: %v", err)
	}
	_, err = New(map[string]any{"unclosed.types": "example.com/x.Conn"})
	if err == nil || !strings.Contains(err.Error(), "unclosed.types") {
		t.Errorf("New with a bad resource entry: %v", err)
	}
}

func TestNewBuildsTheWholeSuite(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != "typesinfo" {
		t.Errorf("GetLoadMode = %q, want typesinfo", p.GetLoadMode())
	}
	got, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var names, want []string
	for _, a := range got {
		names = append(names, a.Name)
	}
	for _, a := range analyzers.All() {
		want = append(want, a.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("BuildAnalyzers = %v, want %v", names, want)
	}
}

func TestDiagnosticsLoseTheNamePrefixAndRelated(t *testing.T) {
	a := &analysis.Analyzer{Name: "alpha", Doc: "alpha", Run: func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Message: "alpha: f is never closed", Related: []analysis.RelatedInformation{{Message: "leaks here"}}})
		pass.Reportf(0, "no prefix here")
		return nil, nil
	}}
	var got []string
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) {
		got = append(got, d.Message)
		if len(d.Related) > 0 {
			t.Errorf("%q keeps its related information", d.Message)
		}
	}}
	w := forGolangci(a)
	pass.Analyzer = w
	if _, err := w.Run(pass); err != nil {
		t.Fatal(err)
	}
	if want := []string{"f is never closed", "no prefix here"}; !slices.Equal(got, want) {
		t.Errorf("messages = %q, want %q", got, want)
	}
	if w.Name != a.Name || w == a {
		t.Errorf("the wrapper should be a copy named %s", a.Name)
	}
}
