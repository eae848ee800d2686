package driver

import (
	"context"
	"reflect"
	"testing"

	"github.com/leakvet/leakvet/analyzers"
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
