// Command leakvet finds resource leaks in Go code: bodies, rows, files and
// connections not released on every path, and (as the suite grows)
// connection pools built per request, goroutines nothing can stop and test
// fixtures that outlive their test.
//
// It runs standalone, under go vet and under go fix:
//
//	leakvet ./...
//	go vet -vettool=$(command -v leakvet) ./...
//	go fix -fixtool=$(command -v leakvet) ./...
//
// Run `leakvet help` for the analyzers and their flags.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/leakvet/leakvet/analyzers"
)

func main() { multichecker.Main(analyzers.All()...) }
