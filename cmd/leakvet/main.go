// Command leakvet finds resource leaks in Go code: bodies, rows, files and
// connections not released on every path.
//
// It runs standalone, as go vet's tool and as go fix's tool:
//
//	leakvet ./...
//	go vet -vettool=$(command -v leakvet) ./...
//	go fix -fixtool=$(command -v leakvet) ./...
//
// Run `leakvet help` for the analyzers, their flags and the exit codes.
package main

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/internal/driver"
)

func main() {
	suite := analyzers.All()
	if invokedByGoCommand(os.Args[1:]) {
		// go vet and go fix: describe the tool, or analyse one unit.
		// Standard-library units analysed only for facts cost next to
		// nothing: the engine learns nothing from them.
		if args := os.Args[1:]; strings.HasSuffix(args[len(args)-1], ".cfg") && answerStdUnit(args[len(args)-1]) {
			return
		}
		unitchecker.Main(suite...)
		return
	}
	progname := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	os.Exit(driver.Main(progname, suite, os.Args[1:], os.Stdout, os.Stderr))
}

// invokedByGoCommand recognises the unitchecker protocol: -V=full and
// -flags queries, and a single *.cfg file describing a compilation unit.
func invokedByGoCommand(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
