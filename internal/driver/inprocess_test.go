package driver

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/internal/inprocess"
)

// The in-process route gives the same Finding values as go vet's route:
// the run cache, baselines and the language server compare them, not
// only the printed output.
func TestRoutesGiveEqualFindings(t *testing.T) {
	tool := leakvetTool(t)
	t.Setenv("LEAKVET_CACHE", "off")
	mod := unitsModule(t)
	req := Request{Dir: mod, Patterns: []string{"./..."}}
	var results []*Result
	for _, route := range []string{"govet", "inprocess"} {
		t.Setenv(RouteEnv, route)
		res, err := analyzeWith(context.Background(), analyzers.All(), req, tool)
		if err != nil {
			t.Fatalf("route %s: %v", route, err)
		}
		results = append(results, res)
	}
	if len(results[0].Findings) == 0 {
		t.Fatal("go vet's route finds nothing: the comparison would be hollow")
	}
	if !reflect.DeepEqual(results[0].Findings, results[1].Findings) {
		t.Errorf("in process:\n%+v\ngo vet's route:\n%+v", results[1].Findings, results[0].Findings)
	}
}

// The in-process route reads one leakvet.toml, the one of the run's
// module; packages of a module with a configuration of its own (in a
// workspace) go through go vet, whose tool reads each unit's.
func TestOneConfig(t *testing.T) {
	runMod, other := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(runMod, "go.mod"), "module example.com/a\n")
	writeFile(t, filepath.Join(other, "go.mod"), "module example.com/b\n")
	unit := func(dir string) *inprocess.Unit {
		return &inprocess.Unit{ID: "p", Module: &inprocess.Module{Path: "m", Dir: dir}}
	}
	if err := oneConfig(runMod, []*inprocess.Unit{unit(runMod), unit(other)}); err != nil {
		t.Errorf("no module has a configuration: %v", err)
	}
	writeFile(t, filepath.Join(other, "leakvet.toml"), "exclude = [\"x\"]\n")
	if err := oneConfig(runMod, []*inprocess.Unit{unit(runMod)}); err != nil {
		t.Errorf("only the run's module is analysed: %v", err)
	}
	if err := oneConfig(runMod, []*inprocess.Unit{unit(runMod), unit(other)}); err == nil {
		t.Errorf("a module with a configuration of its own is analysed in process")
	}
}

// -test=false runs in process too (go vet cannot leave test files out),
// and finds what the whole-build driver finds; with test files, more.
func TestInProcessWithoutTests(t *testing.T) {
	tool := leakvetTool(t)
	t.Setenv("LEAKVET_CACHE", "off")
	t.Setenv(RouteEnv, "inprocess") // no fallback: an error fails the test
	mod := unitsModule(t)
	ctx := context.Background()
	req := Request{Dir: mod, Patterns: []string{"./..."}, Args: []string{"-test=false"}}
	whole, err := analyzeWith(ctx, analyzers.All(), req, "")
	if err != nil {
		t.Fatal(err)
	}
	inproc, err := analyzeWith(ctx, analyzers.All(), req, tool)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lines(inproc.Findings), lines(whole.Findings); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("in process, -test=false: %q\nwhole-build driver: %q", got, want)
	}
	req.Args = nil
	withTests, err := analyzeWith(ctx, analyzers.All(), req, tool)
	if err != nil {
		t.Fatal(err)
	}
	if len(withTests.Findings) <= len(inproc.Findings) {
		t.Errorf("with test files: %q, want more than without: %q", lines(withTests.Findings), lines(inproc.Findings))
	}
}
