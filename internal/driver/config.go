package driver

import (
	"fmt"
	"os/exec"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/config"
	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/report"
)

// withConfig returns args preceded by the settings of the leakvet.toml of
// the module around dir ("" is the working directory), so that the
// command line wins over the file, and installs the file's path excludes
// after checking that each matches something.
func withConfig(dir string, suite []*analysis.Analyzer, args []string) ([]string, error) {
	if dir == "" {
		dir = "."
	}
	report.Exclude = nil // an earlier request's, in a long-lived process
	c, err := config.Load(dir, suite)
	if err != nil || c == nil {
		return args, err
	}
	if err := c.Exclude.CheckMatches(c.Path); err != nil {
		return nil, err
	}
	if !c.Exclude.Empty() {
		report.Exclude = c.Exclude.Match
	}
	return append(append([]string(nil), c.Args...), args...), nil
}

// unknownPackages returns one error line per package that a list flag
// (-unclosed.types and the like) names, that no analysed package declared
// or imported, and that the go command cannot find either: a misspelt
// import path, which would otherwise match nothing without a word. The
// entries that name analysed packages were checked by the engine.
func unknownPackages(dir string) []string {
	paths := lifecycle.UncheckedExtensionPackages()
	if len(paths) == 0 {
		return nil
	}
	args := append([]string{"list", "-e", "-find", "-f", "{{.ImportPath}}\t{{with .Error}}{{.Err}}{{end}}"}, paths...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return []string{fmt.Sprintf("checking the packages the list flags name (%s): %v", strings.Join(paths, ", "), err)}
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, msg, _ := strings.Cut(l, "\t")
		if msg != "" {
			lines = append(lines, fmt.Sprintf("a list flag names package %s, which cannot be found: %s", path, oneLine(msg)))
		}
	}
	return lines
}
