package clientreuse_test

import (
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
