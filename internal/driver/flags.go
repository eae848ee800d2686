package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	diff       bool   // print what -fix would change instead of changing it
	baseline   string // report only findings not recorded in this file
	rebaseline bool   // record this run's findings in the baseline file
	tests      bool
	tags       string
	version    bool
	cpuProfile string

	// analyzerArgs are the analyzer flags of the command line (-NAME,
	// -NAME.flag=value), normalised, to hand to go vet's tool.
	analyzerArgs []string
	// vetTool is the leakvet executable to run under go vet, or "" to
	// analyse in process.
	vetTool string
	// keepUnits, if not "", is where go vet's tool keeps the units it
	// analyses (UnitsEnv).
	keepUnits string
	// unitsNonce is new on each run that keeps units (see viaGoVet).
	unitsNonce string
	// noRunCache makes go vet run even when the run cache could answer.
	noRunCache bool
}

// driverFlags are the flags of the command itself, not of an analyzer.
var driverFlags = map[string]bool{
	"json": true, "sarif": true, "fix": true, "diff": true, "baseline": true, "update-baseline": true,
	"test": true, "tags": true, "V": true, "version": true, "cpuprofile": true,
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
	fs.BoolVar(&opts.diff, "diff", false, "print the suggested fixes as a unified diff on stdout instead of applying them")
	fs.StringVar(&opts.baseline, "baseline", "", "report only findings not recorded in this file; a missing file is created with today's findings")
	fs.BoolVar(&opts.rebaseline, "update-baseline", false, "record this run's findings in the -baseline file, replacing what it held")
	fs.BoolVar(&opts.tests, "test", true, "analyse test files too")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build tags")
	fs.BoolVar(&opts.version, "V", false, "print the version and exit")
	fs.BoolVar(&opts.version, "version", false, "print the version and exit (also --version, leakvet version)")
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
	if err == nil {
		err = checkOutputFlags(opts)
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
	opts.analyzerArgs = analyzerArgs(fs, args[:len(args)-len(fs.Args())])
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

// analyzerArgs returns the analyzer flags among args, the flags fs parsed,
// each as one "-name=value" (or "-name" for a bare boolean).
func analyzerArgs(fs *flag.FlagSet, args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		if driverFlags[name] {
			continue
		}
		if hasValue {
			out = append(out, "-"+name+"="+value)
		} else {
			out = append(out, "-"+name)
		}
	}
	return out
}
