package driver

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
)

// TestAnalyze runs the suite on the leaky fixture through the entry point
// the language server uses, and checks the findings against the same
// expectations the command line is held to.
func TestAnalyze(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/e2e/leaky")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(context.Background(), analyzers.All(), Request{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	var got []string
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(dir, f.Pos.Filename)
		got = append(got, rel+": "+f.Analyzer)
	}
	want := "fetch.go: unclosed, fetch.go: unclosed, store/store.go: unclosed, store/store.go: unclosed"
	if strings.Join(got, ", ") != want {
		t.Errorf("findings = %s, want %s", strings.Join(got, ", "), want)
	}
}

// TestAnalyzeBadFlag checks that a bad flag is an error, not silence.
func TestAnalyzeBadFlag(t *testing.T) {
	_, err := Analyze(context.Background(), analyzers.All(), Request{Patterns: []string{"./..."}, Args: []string{"-nosuchflag"}})
	if err == nil || !strings.Contains(err.Error(), "nosuchflag") {
		t.Errorf("err = %v, want one naming -nosuchflag", err)
	}
}
