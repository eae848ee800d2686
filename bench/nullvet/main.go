// Command nullvet is a go vet tool that analyses nothing. bench/run.sh
// runs it once per module to compile everything go vet needs into a
// tool's build cache, so that the timed run of the tool measures analysis,
// not compilation.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

var nothing = &analysis.Analyzer{
	Name: "nothing",
	Doc:  "reports nothing",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { unitchecker.Main(nothing) }
