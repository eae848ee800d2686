// Command leakvet finds resource leaks in Go code: bodies, rows, files and
// connections not released on every path.
//
// It runs standalone, as go vet's tool and as go fix's tool:
//
//	leakvet ./...
//	go vet -vettool=$(command -v leakvet) ./...
//	go fix -fixtool=$(command -v leakvet) ./...
//	leakvet lsp    # the language server, over stdin and stdout
//
// Run `leakvet help` for the analyzers, their flags and the exit codes.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/leakvet/leakvet/analyzers"
	"github.com/leakvet/leakvet/internal/driver"
	"github.com/leakvet/leakvet/internal/lsp"
	"github.com/leakvet/leakvet/internal/toolchain"
)

func main() {
	suite := analyzers.All()
	if invokedByGoCommand(os.Args[1:]) {
		// go vet and go fix: describe the tool, or analyse one unit. The
		// go command passes its version in GOVERSION; on a newer Go every
		// unit would fail inside the standard library, so the tool ID query
		// (-V=full), whose error the go command shows, stops the run. The
		// -flags query comes first, but the go command hides its errors.
		if err := toolchain.CheckRunning(os.Getenv("GOVERSION")); err != nil && !slices.Contains(os.Args[1:], "-flags") {
			fmt.Fprintf(os.Stderr, "leakvet: %v\n", err)
			os.Exit(1)
		}
		// Units analysed only for facts the engine learns nothing from
		// (the standard library, dependencies reached only through blank
		// imports) cost next to nothing.
		if args := os.Args[1:]; strings.HasSuffix(args[len(args)-1], ".cfg") && answerWithoutFacts(args[len(args)-1]) {
			return
		}
		tuneUnitGC()
		// The module's leakvet.toml, read before unitchecker parses the flags.
		if err := prepareVet(suite); err != nil {
			fmt.Fprintf(os.Stderr, "leakvet: %v\n", err)
			os.Exit(1)
		}
		if args := os.Args[1:]; strings.HasSuffix(args[len(args)-1], ".cfg") {
			// Other dependency units, analysed only for facts, are
			// answered without type-checking what the engine skips.
			if answerFactsUnit(args[len(args)-1], args[:len(args)-1]) {
				return
			}
			// A language server's run keeps the unit for its next save.
			driver.KeepUnit(args[len(args)-1])
			markFactsOnly(args[len(args)-1])
		}
		unitchecker.Main(suite...)
		return
	}
	if len(os.Args) == 2 && os.Args[1] == "lsp" {
		os.Exit(serveLSP(suite))
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

// serveLSP runs the language server on stdin and stdout, logging to
// stderr (editors show it in their server log).
func serveLSP(suite []*analysis.Analyzer) int {
	srv := lsp.New(lsp.Suite(suite), suite, os.Stdout)
	srv.SetLog(func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) })
	err := srv.Run(context.Background(), os.Stdin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "leakvet lsp: %v\n", err)
	}
	return lsp.ExitCode(err)
}
