package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// commandPath is the import path of the leakvet command. A program built
// from it answers go vet's tool protocol with the whole suite, so it can
// analyse through go vet with itself as the tool.
const commandPath = "github.com/leakvet/leakvet/cmd/leakvet"

// selfVetTool returns the running executable when it is the leakvet
// command, and "" otherwise (a test binary, another program embedding the
// driver), which then analyses in process.
func selfVetTool() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Path != commandPath {
		return ""
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return exe
}

// viaGoVet analyses the packages of opts by running `go vet -json` with
// tool, the leakvet executable, as its vet tool. The go command then does
// what it does for every build: reuses its build cache, honours build
// tags, GOFLAGS, workspaces and vendoring, and runs one process per
// package, so memory is bounded by the largest package rather than the
// whole build. Facts of dependencies are cached by the go command.
// Dependencies the run reaches only through blank imports (sets finds
// them) are answered without facts.
//
// ok is false when go vet failed or said anything on stderr but its
// progress: a pattern
// that matches nothing, a package that does not load or type-check. The
// caller then analyses in process, whose one-line errors say why.
func viaGoVet(ctx context.Context, tool string, opts *options, sets blankDepsSets) (out *outcome, ok bool, err error) {
	args := []string{"vet", "-vettool=" + tool, "-json"}
	if opts.keepUnits != "" && len(opts.patterns) == 1 {
		// go vet does not run the tool on a unit whose result it has
		// cached, and the tool keeps the units it runs on. A compiler
		// flag of no effect in module mode (the directory of relative
		// imports), new on each such run and given to the named packages
		// only, changes their cache keys and no dependency's.
		args = append(args, "-gcflags="+opts.patterns[0]+"=-D="+opts.unitsNonce)
	}
	if opts.tags != "" {
		args = append(args, "-tags="+opts.tags)
	}
	args = append(args, opts.analyzerArgs...)
	args = append(args, opts.patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = opts.dir
	cmd.Env = withoutEnv(os.Environ(), blankdeps.Env)
	if opts.keepUnits != "" {
		cmd.Env = append(withoutEnv(cmd.Env, UnitsEnv), UnitsEnv+"="+opts.keepUnits)
	}
	setFile, removeSet := sets.file(ctx, opts)
	defer removeSet()
	if setFile != "" {
		cmd.Env = append(cmd.Env, blankdeps.Env+"="+setFile)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || !onlyProgress(stderr.String()) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, false, ctxErr
		}
		return nil, false, nil
	}
	findings, err := decodeVetJSON(&stdout)
	if err != nil {
		return nil, false, nil
	}
	dir := opts.dir
	return &outcome{findings: findings, ranVet: true, sourceRoot: func() string { return moduleSourceRoot(dir) }}, true, nil
}

// onlyProgress reports whether go vet's stderr holds nothing but the go
// command's progress lines (modules it downloads on a first run), which
// say nothing about the analysis.
func onlyProgress(stderr string) bool {
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, "go: downloading ") && !strings.HasPrefix(line, "go: extracting ") {
			return false
		}
	}
	return true
}

// errAnalysis is a unit whose analysis failed; the in-process route
// reports it with context.
var errAnalysis = errors.New("an analysis failed")

// decodeVetJSON reads the JSON trees that go vet -json prints, one per
// package, concatenated, and returns their findings in the order each
// package reported them.
func decodeVetJSON(r io.Reader) ([]Finding, error) {
	dec := json.NewDecoder(r)
	var out []Finding
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("decoding go vet's JSON: %w", err)
		}
		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []jsonDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					return nil, errAnalysis // {"error": "..."}
				}
				for _, d := range diags {
					f, err := d.finding(pkg, analyzer)
					if err != nil {
						return nil, err
					}
					out = append(out, f)
				}
			}
		}
	}
}

// finding converts a diagnostic of the JSON tree back to a Finding. An
// end equal to the start is how x/tools writes a missing end.
func (d jsonDiagnostic) finding(pkg, analyzer string) (Finding, error) {
	f := Finding{Package: pkg, Analyzer: analyzer, Category: d.Category, Message: d.Message}
	var err error
	if f.Pos, f.End, err = parseRange(d.Posn, d.End); err != nil {
		return Finding{}, err
	}
	for _, r := range d.Related {
		rel := Related{Message: r.Message}
		if rel.Pos, rel.End, err = parseRange(r.Posn, r.End); err != nil {
			return Finding{}, err
		}
		f.Related = append(f.Related, rel)
	}
	for _, jf := range d.SuggestedFixes {
		fix := Fix{Message: jf.Message}
		for _, e := range jf.Edits {
			fix.Edits = append(fix.Edits, Edit{Filename: e.Filename, Start: e.Start, End: e.End, NewText: e.New})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f, nil
}

func parseRange(posn, end string) (start, stop token.Position, err error) {
	if start, err = parsePosition(posn); err != nil {
		return start, stop, err
	}
	if end != "" && end != posn {
		stop, err = parsePosition(end)
	}
	return start, stop, err
}

// parsePosition parses "file:line:col" (or "file:line"); the file name
// may itself hold colons.
func parsePosition(s string) (token.Position, error) {
	var p token.Position
	rest := s
	var nums []int
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		nums = append(nums, n)
		rest = rest[:i]
	}
	switch len(nums) {
	case 2:
		p.Line, p.Column = nums[1], nums[0]
	case 1:
		p.Line = nums[0]
	default:
		return p, fmt.Errorf("position %q has no line", s)
	}
	p.Filename = rest
	return p, nil
}

// moduleSourceRoot is sourceRoot for the go vet route, which loads no
// packages: the git root around the working directory, else the main
// module's directory as the go command reports it from dir, else the
// working directory.
func moduleSourceRoot(dir string) string {
	if root := gitRoot(); root != "" {
		return root
	}
	cmd := exec.Command("go", "env", "GOMOD")
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil {
		if gomod := strings.TrimSpace(string(out)); gomod != "" && gomod != os.DevNull {
			return filepath.Dir(gomod)
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return cwd
}
