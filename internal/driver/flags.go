package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/report"
)

// options is the parsed command line.
type options struct {
	suite      []*analysis.Analyzer // all of them
	analyzers  []*analysis.Analyzer // the enabled ones
	patterns   []string
	dir        string // where patterns are resolved; "" is the working directory
	json       bool
	sarif      bool
	fix        bool
	tests      bool
	tags       string
	version    bool
	cpuProfile string
}

// triState is an analyzer's enable flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) IsBoolFlag() bool { return true }
func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}
func (t *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	if b {
		*t = setTrue
	} else {
		*t = setFalse
	}
	return nil
}

// parseFlags parses args. Each analyzer has an enable flag -NAME, and its
// own flags appear as -NAME.flag. Naming analyzers with -NAME runs only
// those; -NAME=false runs all but those. A bad command line is reported
// on one line of stderr; -h prints the usage and returns flag.ErrHelp.
func parseFlags(progname string, analyzers []*analysis.Analyzer, args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, on one line
	fs.Usage = func() {}
	opts := &options{suite: analyzers}
	fs.BoolVar(&opts.json, "json", false, "print diagnostics as the x/tools JSON tree on stdout")
	fs.BoolVar(&opts.sarif, "sarif", false, "print diagnostics as SARIF 2.1.0 on stdout, for GitHub code scanning")
	fs.BoolVar(&opts.fix, "fix", false, "apply the suggested fixes, then report what remains")
	fs.BoolVar(&opts.tests, "test", true, "analyse test files too")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build tags")
	fs.BoolVar(&opts.version, "V", false, "print the version and exit")
	fs.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	// Registering resets it: a long-lived process (the editor server)
	// analyses one request's module after another's.
	fs.BoolVar(&report.IncludeGenerated, "generated", false, report.GeneratedUsage)
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range analyzers {
		st := new(triState)
		enabled[a] = st
		fs.Var(st, a.Name, "enable the "+a.Name+" analyzer")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	err := fs.Parse(args)
	if err == nil && opts.json && opts.sarif {
		err = errors.New("-json and -sarif cannot be combined")
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintln(stderr, usage(progname))
		return nil, err
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v (run '%s help' for the flags)\n", progname, err, progname)
		return nil, err
	}
	opts.patterns = fs.Args()
	anyTrue := false
	for _, st := range enabled {
		anyTrue = anyTrue || *st == setTrue
	}
	for _, a := range analyzers {
		switch st := *enabled[a]; {
		case anyTrue && st == setTrue, !anyTrue && st != setFalse:
			opts.analyzers = append(opts.analyzers, a)
		}
	}
	return opts, nil
}

// usage is the one-line synopsis of the command.
func usage(progname string) string {
	return fmt.Sprintf("usage: %s [flags] packages... (run '%s help' for the analyzers and flags)", progname, progname)
}
