// Command golangci-lint is golangci-lint with the leakvet linter compiled
// in: the binary `golangci-lint custom` builds from .custom-gcl.example.yml,
// built here without cloning golangci-lint's repository, so that CI can
// test the plugin end to end. The golangci-lint version is the one go.mod
// requires.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/leakvet/leakvet/plugin" // registers the leakvet linter
)

const golangciModule = "github.com/golangci/golangci-lint/v2"

func main() {
	info := commands.BuildInfo{
		// "(devel)" makes golangci-lint key its cache on a hash of this
		// executable, so a rebuild with a changed plugin does not reuse
		// issues cached by the previous build (golangci-lint custom gets
		// the same effect from a version that hashes the plugin's source).
		Version:   "(devel)",
		Commit:    "golangci-lint " + golangciVersion() + " with the leakvet plugin",
		Date:      "(unknown)",
		GoVersion: runtime.Version(),
	}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// golangciVersion reports the version of golangci-lint compiled in.
func golangciVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == golangciModule {
				return dep.Version
			}
		}
	}
	return "(unknown version)"
}
