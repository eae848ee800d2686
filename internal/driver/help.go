package driver

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// help prints the analyzers and their flags, or one analyzer's doc. It
// returns an error for an analyzer that does not exist.
func help(w io.Writer, progname string, analyzers []*analysis.Analyzer, args []string) error {
	if len(args) > 0 {
		var names []string
		for _, a := range analyzers {
			if a.Name == args[0] {
				fmt.Fprintf(w, "%s: %s\n", a.Name, a.Doc)
				printFlags(w, a)
				return nil
			}
			names = append(names, a.Name)
		}
		return fmt.Errorf("no analyzer named %q (the analyzers are %s)", args[0], strings.Join(names, ", "))
	}
	fmt.Fprintf(w, `%[1]s finds resource leaks in Go code.

Usage:
	%[1]s [flags] packages...                 standalone
	go vet -vettool=$(command -v %[1]s) ./...  as go vet's tool
	go fix -fixtool=$(command -v %[1]s) ./...  apply suggested fixes
	%[1]s lsp                                 language server for editors (stdio)
	%[1]s version                             print the version

Analyzers (all run by default; -NAME runs only the named ones,
-NAME=false all but those):
`, progname)
	for _, a := range analyzers {
		title, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "\t%-12s %s\n", a.Name, title)
	}
	fmt.Fprintf(w, `
Flags:
	-json        print diagnostics as the x/tools JSON tree on stdout
	-sarif       print diagnostics as SARIF 2.1.0 on stdout (GitHub code scanning)
	-fix         apply the suggested fixes, then report what remains
	-diff        print the suggested fixes as a unified diff; change nothing
	-baseline=F  report only findings not recorded in file F (created when missing)
	-update-baseline  rewrite the -baseline file from this run's findings
	-test=false  skip test files
	-tags=a,b    build tags
	-version     print the version (also -V, --version, '%[1]s version')
	-generated   report findings in generated files too (skipped by default)

Exit codes: 0 nothing found, 1 some packages could not be loaded or
analysed (a path that does not exist, a pattern that matches nothing,
code that does not compile), 2 bad command line, 3 leaks reported.

Run '%[1]s help NAME' for an analyzer's documentation and flags.
`, progname)
	return nil
}

func printFlags(w io.Writer, a *analysis.Analyzer) {
	first := true
	a.Flags.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintf(w, "\nFlags:\n")
			first = false
		}
		fmt.Fprintf(w, "\t-%s.%s\n\t\t%s\n", a.Name, f.Name, f.Usage)
	})
}
