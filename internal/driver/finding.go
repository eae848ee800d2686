package driver

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Finding is one diagnostic with every position resolved, so that it
// can be produced by any route (in-process analysis, go vet's JSON
// output, a cache) and consumed by every output (text, JSON, SARIF, fixes,
// baselines, the language server) without a token.FileSet.
type Finding struct {
	Package  string         // the ID of the package (variant) that reported it, e.g. "p [p.test]"
	Analyzer string         // the analyzer's name, e.g. "unclosed"
	Category string         // the diagnostic's category: "normal", "error-path", "fail-path", ...
	Message  string         // the diagnostic's message
	Pos, End token.Position // the reported range; End may be zero
	Related  []Related      // related positions: creation site, leaking exit, call path
	Fixes    []Fix          // suggested fixes, each a set of edits
}

// Related is a secondary position of a Finding.
type Related struct {
	Pos, End token.Position
	Message  string
}

// Fix is a suggested fix: edits that are applied together.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) of Filename by NewText.
type Edit struct {
	Filename   string
	Start, End int // byte offsets in the file
	NewText    string
}

// Request says what Analyze analyses, as the command line would.
type Request struct {
	Dir      string   // the directory patterns are relative to; "" is the working directory
	Patterns []string // package patterns, as go list takes them
	Args     []string // analyzer and driver flags, as on the command line (-testcleanup.failpath, -tags=...)

	// Units, when set, makes a run through the go command keep what a
	// later Request needs to analyse Files fast, and lets this Request
	// use what an earlier one kept. Language servers set it.
	Units *Units
	// Files, with Units, restricts the analysis to the units (package
	// variants) that compile these files, when an earlier analysis of
	// their package kept them; otherwise Patterns are analysed as usual.
	Files []string
	// Overlay holds unsaved contents of files, by absolute path. Only
	// the Units route reads it; the go command reads the files on disk.
	Overlay map[string][]byte
	// FastOnly makes Analyze return ErrNoFastPath instead of running the
	// go command when Units cannot answer for Files.
	FastOnly bool
}

// Result is what Analyze found.
type Result struct {
	Findings []Finding // sorted by position, duplicates of test variants removed
	Errors   []string  // packages that could not be loaded or analysed, one line each
	// Files, when not nil, are the only files analysed: the Units route
	// analysed the units of Request.Files, and the package's other files
	// (an external test package's) keep what an earlier analysis found.
	Files []string
}

// Analyze runs the suite on the packages of req and returns its findings.
// It is the entry point the language server shares with the command line;
// an error means nothing could be analysed (bad flags, no packages).
func Analyze(ctx context.Context, suite []*analysis.Analyzer, req Request) (*Result, error) {
	return analyzeWith(ctx, suite, req, selfVetTool())
}

// analyzeWith is Analyze with tool as the vet tool ("" analyses in
// process); tests pass a leakvet binary they built.
func analyzeWith(ctx context.Context, suite []*analysis.Analyzer, req Request, tool string) (*Result, error) {
	args, err := withConfig(req.Dir, suite, req.Args)
	if err != nil {
		return nil, err
	}
	var flagErr strings.Builder
	opts, err := parseFlags("leakvet", suite, append(args, req.Patterns...), &flagErr)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimSpace(flagErr.String()))
	}
	opts.dir = req.Dir
	opts.vetTool = tool
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	units := req.Units
	if opts.vetTool == "" || !opts.tests || opts.fix {
		units = nil // only go vet's tool can keep units
	}
	var out *outcome
	if units != nil && len(req.Files) > 0 {
		out, err = units.analyse(ctx, opts, cleanPaths(req.Files), cleanKeys(req.Overlay))
		if err != nil && (!errors.Is(err, ErrNoFastPath) || req.FastOnly) {
			return nil, err
		}
	} else if req.FastOnly {
		return nil, ErrNoFastPath
	}
	if out == nil {
		var record func()
		if units != nil {
			// go vet must run, even if the run cache could answer, so
			// that the tool sees the units.
			opts.noRunCache = true
			opts.keepUnits, opts.unitsNonce, record = units.prepare(opts)
		}
		if out, err = analyze(ctx, "leakvet", opts); err != nil {
			return nil, err
		}
		if record != nil && out.ranVet {
			record()
		}
	}
	res := &Result{Findings: uniqueSorted(out.findings), Errors: append(out.errors, unknownPackages(req.Dir)...), Files: out.files}
	if opts.baseline != "" {
		// Only the findings the baseline does not hold; a missing or
		// unreadable baseline is an error line, and nothing is filtered.
		path := opts.baseline
		if !filepath.IsAbs(path) && req.Dir != "" {
			path = filepath.Join(req.Dir, path)
		}
		if b, err := ReadBaseline(path); err != nil {
			res.Errors = append(res.Errors, err.Error())
		} else {
			res.Findings = b.New(res.Findings)
		}
	}
	return res, nil
}

// resolve resolves the positions of d, reported by analyzer on the
// package with the given ID.
func resolve(fset *token.FileSet, pkgID, analyzer string, d analysis.Diagnostic) Finding {
	f := Finding{
		Package:  pkgID,
		Analyzer: analyzer,
		Category: d.Category,
		Message:  d.Message,
		Pos:      fset.Position(d.Pos),
	}
	if d.End.IsValid() {
		f.End = fset.Position(d.End)
	}
	for _, r := range d.Related {
		rel := Related{Pos: fset.Position(r.Pos), Message: r.Message}
		if r.End.IsValid() {
			rel.End = fset.Position(r.End)
		}
		f.Related = append(f.Related, rel)
	}
	for _, sf := range d.SuggestedFixes {
		fix := Fix{Message: sf.Message}
		for _, te := range sf.TextEdits {
			start := fset.Position(te.Pos)
			end := start
			if te.End.IsValid() {
				end = fset.Position(te.End)
			}
			fix.Edits = append(fix.Edits, Edit{Filename: start.Filename, Start: start.Offset, End: end.Offset, NewText: string(te.NewText)})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// cleanPaths returns the paths cleaned.
func cleanPaths(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Clean(p)
	}
	return out
}

// cleanKeys returns m with its paths cleaned.
func cleanKeys(m map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(m))
	for p, data := range m {
		out[filepath.Clean(p)] = data
	}
	return out
}
