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

// TestAnalyzeBaseline: with -baseline, Analyze (the editor server's route)
// returns only the findings the baseline does not hold, and a baseline
// that cannot be read is an error line that filters nothing.
func TestAnalyzeBaseline(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/e2e/leaky")
	if err != nil {
		t.Fatal(err)
	}
	all, err := Analyze(context.Background(), analyzers.All(), Request{Dir: dir, Patterns: []string{"./..."}})
	if err != nil || len(all.Findings) < 2 {
		t.Fatalf("Analyze: %d findings, err %v", len(all.Findings), err)
	}
	base := filepath.Join(t.TempDir(), "baseline.txt")
	// Record every finding but the last: only that one is new.
	if err := WriteBaseline(base, all.Findings[:len(all.Findings)-1]); err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(context.Background(), analyzers.All(), Request{Dir: dir, Patterns: []string{"./..."}, Args: []string{"-baseline=" + base}})
	if err != nil {
		t.Fatal(err)
	}
	last := all.Findings[len(all.Findings)-1]
	if len(res.Findings) != 1 || res.Findings[0].Message != last.Message {
		t.Errorf("with the baseline: %d findings %v, want only %q", len(res.Findings), res.Findings, last.Message)
	}
	res, err = Analyze(context.Background(), analyzers.All(), Request{Dir: dir, Patterns: []string{"./..."}, Args: []string{"-baseline=" + base + ".missing"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != len(all.Findings) || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "baseline") {
		t.Errorf("missing baseline: %d findings, errors %q; want all %d findings and one error", len(res.Findings), res.Errors, len(all.Findings))
	}
}
