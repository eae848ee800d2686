package clientreuse_test

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leakvet/leakvet/analyzers/clientreuse"
	"github.com/leakvet/leakvet/analyzers/unclosed"
	"github.com/leakvet/leakvet/internal/lifecycle"
)

func TestTransports(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "transports")
}

func TestSQLPools(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "sqlpools", "sqlmain")
}

// TestCrossPackage: helpers of another package are understood through
// their ConstructsPool facts.
func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "crosspkg/web")
}

func TestGRPC(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "grpcclients")
}

func TestRedis(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "redisclients")
}

// both runs unclosed and clientreuse on the same pass, each under its own
// name, so that one testdata package pins which of the two reports a pool.
var both = &analysis.Analyzer{
	Name:     "both",
	Doc:      "runs unclosed and clientreuse together",
	Requires: []*analysis.Analyzer{lifecycle.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, a := range []*analysis.Analyzer{unclosed.Analyzer, clientreuse.Analyzer} {
			p := *pass
			p.Analyzer = a
			if _, err := a.Run(&p); err != nil {
				return nil, err
			}
		}
		return nil, nil
	},
}

// TestSplitWithUnclosed: a pool built per request or per iteration is
// clientreuse's, leaked or not; any other leak of a pool is unclosed's;
// never both.
func TestSplitWithUnclosed(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), both, "split")
}

// TestRegressions: shapes of real code, each pinned once it was decided.
func TestRegressions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "regressions")
}

func TestLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "loops")
}

// TestIgnoredAndTestFiles: //leakvet:ignore silences a report; _test.go
// files are testcleanup's, and a handler in a test does not make the
// production code it calls per request.
func TestIgnoredAndTestFiles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "ignored")
}

// TestExtensions: -clientreuse.constructors and -clientreuse.entries add
// to the tables. The entries name example.com packages of the testdata
// only, so the other tests are not affected.
func TestExtensions(t *testing.T) {
	for name, value := range map[string]string{
		"constructors": "example.com/mq.Dial:Shutdown, example.com/mq.Pool{}",
		"entries":      "example.com/web.HandlerFunc,example.com/web.Job",
	} {
		if err := clientreuse.Analyzer.Flags.Set(name, value); err != nil {
			t.Fatalf("-%s=%s: %v", name, value, err)
		}
	}
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "extended")
}

func TestBadFlags(t *testing.T) {
	for _, c := range []struct{ flag, value, want string }{
		{"constructors", "example.com/mq", "pool constructor"},
		{"constructors", "example.com/mq.Dial:Shut-down", "not an identifier"},
		{"constructors", "mq.Pool{}x", "pool constructor"},
		{"entries", "web", "entry type"},
	} {
		err := clientreuse.Analyzer.Flags.Set(c.flag, c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("-%s=%q: error %v, want one containing %q", c.flag, c.value, err, c.want)
		}
	}
}

// TestRelatedPath: the related positions list the call path from the
// per-request entry, or the loop that repeats the site.
func TestRelatedPath(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "transports")
	want := map[string][]string{
		// Clone() two calls below ServeHTTP.
		"paths.go:23": {"paths.go:13: api.ServeHTTP: ServeHTTP serves every request", "paths.go:14: calls api.check", "paths.go:19: calls ping"},
		// A closure created and called in a handler.
		"paths.go:63": {"paths.go:61: withClosure: an http.HandlerFunc runs for every request", "paths.go:66: calls a function literal"},
		// A transport per ticker tick.
		"loops.go:20": {"loops.go:14: this loop builds one on each iteration"},
	}
	got := make(map[string][]string)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			key := position(r.Pass.Fset, d.Pos)
			for _, rel := range d.Related {
				got[key] = append(got[key], position(r.Pass.Fset, rel.Pos)+": "+rel.Message)
			}
		}
	}
	for at, rel := range want {
		if strings.Join(got[at], "\n") != strings.Join(rel, "\n") {
			t.Errorf("related information of the report at %s:\n%s\nwant:\n%s", at, strings.Join(got[at], "\n"), strings.Join(rel, "\n"))
		}
	}
}

// position renders pos as "file.go:line".
func position(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// TestNegatives: code that looks like a pool per request but is not.
func TestNegatives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "negatives")
}

// TestTestLoops: loops in tests are repeated contexts too.
func TestTestLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "testloops")
}

// TestRulesheet: a positive and a negative case for every pool kind and
// repeated context RULES names, written from RULES alone.
func TestRulesheet(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientreuse.Analyzer, "rulesheet")
}
