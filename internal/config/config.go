// Package config reads leakvet.toml, the one configuration file every
// route shares: the standalone command, go vet's tool, the pre-commit hook
// and the editor server find it at the root of the module they analyse.
//
// Its keys are those of the golangci-lint plugin's settings, plus path
// excludes:
//
//	# leakvet.toml, next to go.mod
//	disable = ["gocancel"]          # analyzers to switch off
//	generated = false               # report findings in generated files too
//	exclude = ["internal/legacy", "*_mock.go"]  # hide findings in these paths
//
//	[unclosed]
//	types = "example.com/store.Conn:Close=example.com/store.Dial"
//
//	[clientreuse]
//	entries = ["example.com/web.HandlerFunc"]   # a list joins with commas
//
// An analyzer's flag is written under its [section] or dotted at the top
// (unclosed.types = "..."). The format is a small subset of TOML, the
// format of staticcheck.conf: key = value lines, [sections], # comments,
// strings, booleans, numbers and arrays of strings. Every mistake is an
// error that names the file and line: an unknown key, a value of the
// wrong type, an analyzer that does not exist, an exclude that matches no
// file.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// FileName is the configuration file's name; it sits next to go.mod.
const FileName = "leakvet.toml"

// Config is a parsed configuration file.
type Config struct {
	// Path is the file it was read from.
	Path string
	// Args are its settings as command-line flags, in file order
	// (-unclosed.types=..., -gocancel=false, -generated=true), for a
	// route to put before the flags of its own command line, which then
	// win.
	Args []string
	// Exclude holds the path excludes, relative to the file's directory.
	Exclude *Excludes
}

// Find returns the configuration file of the module around dir: the
// leakvet.toml next to the nearest go.mod at or above dir, or "" when
// there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, FileName)
			if _, err := os.Stat(p); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return "", nil
				}
				return "", fmt.Errorf("finding %s: %w", FileName, err)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load finds and parses the configuration file of the module around dir;
// it returns nil when there is none.
func Load(dir string, suite []*analysis.Analyzer) (*Config, error) {
	p, err := Find(dir)
	if err != nil || p == "" {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return Parse(p, data, suite)
}

// Parse parses the configuration file at path, whose content is data,
// against the flags of suite.
func Parse(path string, data []byte, suite []*analysis.Analyzer) (*Config, error) {
	entries, err := parseTOML(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	c := &Config{Path: path, Exclude: &Excludes{root: filepath.Dir(path)}}
	errorf := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
	}
	seen := make(map[string]int)
	for _, e := range entries {
		if first, dup := seen[e.key]; dup {
			return nil, errorf(e.line, "key %q is already set at line %d", e.key, first)
		}
		seen[e.key] = e.line
		switch e.key {
		case "disable":
			names, ok := e.value.([]string)
			if !ok {
				return nil, errorf(e.line, "key %q wants an array of analyzer names, got %s", e.key, describe(e.value))
			}
			for i, n := range names {
				if !slices.ContainsFunc(suite, func(a *analysis.Analyzer) bool { return a.Name == n }) {
					return nil, errorf(e.itemLines[i], "key %q: no analyzer named %q (the analyzers are %s)", e.key, n, strings.Join(analyzerNames(suite), ", "))
				}
				c.Args = append(c.Args, "-"+n+"=false")
			}
			if len(names) == len(suite) {
				return nil, errorf(e.line, "key %q switches off every analyzer", e.key)
			}
		case "generated":
			b, ok := e.value.(bool)
			if !ok {
				return nil, errorf(e.line, "key %q wants true or false, got %s", e.key, describe(e.value))
			}
			c.Args = append(c.Args, fmt.Sprintf("-generated=%t", b))
		case "exclude":
			patterns, ok := e.value.([]string)
			if !ok {
				return nil, errorf(e.line, "key %q wants an array of paths, got %s", e.key, describe(e.value))
			}
			for i, p := range patterns {
				if err := c.Exclude.add(p, e.itemLines[i]); err != nil {
					return nil, errorf(e.itemLines[i], "key %q: %v", e.key, err)
				}
			}
		default:
			f := lookup(e.key, suite)
			if f == nil {
				return nil, errorf(e.line, "%s", unknownKey(e.key, suite))
			}
			v, err := flagValue(f, e.value)
			if err != nil {
				return nil, errorf(e.line, "key %q %v", e.key, err)
			}
			c.Args = append(c.Args, "-"+e.key+"="+v)
		}
	}
	return c, nil
}

func analyzerNames(suite []*analysis.Analyzer) []string {
	var names []string
	for _, a := range suite {
		names = append(names, a.Name)
	}
	return names
}

// keys lists the keys the file accepts.
func keys(suite []*analysis.Analyzer) []string {
	ks := []string{"disable", "exclude", "generated"}
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) { ks = append(ks, a.Name+"."+f.Name) })
	}
	return ks
}

// lookup returns the analyzer flag that key ANALYZER.FLAG names, or nil.
func lookup(key string, suite []*analysis.Analyzer) *flag.Flag {
	name, fl, ok := strings.Cut(key, ".")
	if !ok {
		return nil
	}
	for _, a := range suite {
		if a.Name == name {
			return a.Flags.Lookup(fl)
		}
	}
	return nil
}

// unknownKey explains a key that names no setting.
func unknownKey(key string, suite []*analysis.Analyzer) string {
	name, _, dotted := strings.Cut(key, ".")
	isAnalyzer := slices.Contains(analyzerNames(suite), name)
	known := strings.Join(keys(suite), ", ")
	switch {
	case dotted && !isAnalyzer:
		return fmt.Sprintf("unknown key %q: no analyzer named %q (the keys are %s)", key, name, known)
	case !dotted && isAnalyzer:
		return fmt.Sprintf("unknown key %q: an analyzer's flags go in its [%s] section; to switch it off, list it in disable", key, name)
	}
	return fmt.Sprintf("unknown key %q (the keys are %s)", key, known)
}

// flagValue converts a value to the text flag f parses, checking that
// its type suits the flag. An array of strings is joined with commas,
// for the list flags.
func flagValue(f *flag.Flag, v any) (string, error) {
	isBool := false
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
		isBool = b.IsBoolFlag()
	}
	switch v := v.(type) {
	case bool:
		if isBool {
			return fmt.Sprint(v), nil
		}
	case string:
		if !isBool {
			return v, nil
		}
	case number:
		if !isBool {
			return string(v), nil
		}
	case []string:
		if !isBool {
			return strings.Join(v, ","), nil
		}
	}
	want := "a string"
	if isBool {
		want = "true or false"
	}
	return "", fmt.Errorf("wants %s, got %s", want, describe(v))
}

// describe names the type of a parsed value.
func describe(v any) string {
	switch v := v.(type) {
	case bool:
		return fmt.Sprintf("a boolean (%t)", v)
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case number:
		return fmt.Sprintf("a number (%s)", string(v))
	case []string:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}
