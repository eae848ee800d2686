package main

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/blankdeps"
	"github.com/leakvet/leakvet/internal/config"
	"github.com/leakvet/leakvet/internal/report"
)

// prepareVet readies a go vet or go fix invocation for unitchecker: it
// registers the suite-wide -generated flag, identifies the tool to the go
// command by its executable and the configuration file, and, for a
// compilation unit, puts the settings of the leakvet.toml of the unit's
// module before the go command's flags (which win) and installs its path
// excludes.
func prepareVet(suite []*analysis.Analyzer) error {
	flag.BoolVar(&report.IncludeGenerated, "generated", false, report.GeneratedUsage)
	flag.Var(versionFlag{suite}, "V", "print version and exit")
	args := os.Args[1:]
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return nil
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return fmt.Errorf("reading the unit's configuration: %w", err)
	}
	var unit struct{ Dir string }
	if err := json.Unmarshal(data, &unit); err != nil {
		return fmt.Errorf("decoding the unit's configuration: %w", err)
	}
	c, err := config.Load(unit.Dir, suite)
	if err != nil || c == nil {
		return err
	}
	if !c.Exclude.Empty() {
		report.Exclude = c.Exclude.Match
	}
	os.Args = append(append([]string{os.Args[0]}, c.Args...), args...)
	return nil
}

// versionFlag answers the go command's -V=full as unitchecker does, with
// a build ID that also hashes the configuration file of the module around
// the working directory and the run's set of blank-only dependencies:
// go vet caches its results by that ID, so an edit of leakvet.toml must
// change it, and a unit answered without facts for one set must not be
// reused by a run with another set or none.
type versionFlag struct{ suite []*analysis.Analyzer }

func (versionFlag) IsBoolFlag() bool { return true }
func (versionFlag) String() string   { return "" }

func (v versionFlag) Set(s string) error {
	if s != "full" {
		return fmt.Errorf("unsupported flag value: -V=%s (use -V=full)", s)
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding the executable: %w", err)
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		return fmt.Errorf("hashing the executable: %w", err)
	}
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return fmt.Errorf("hashing the executable: %w", err)
	}
	if p, err := config.Find("."); err == nil && p != "" {
		if data, err := os.ReadFile(p); err == nil {
			fmt.Fprintf(h, "\x00%s\x00%s", p, data)
		}
	}
	set, err := blankdeps.ReadFile()
	if err != nil {
		return err
	}
	if len(set) > 0 {
		fmt.Fprintf(h, "\x00blank-only dependencies\x00%s", set)
	}
	fmt.Printf("%s version devel comments-go-here buildID=%02x\n", exe, h.Sum(nil))
	os.Exit(0)
	return nil
}
