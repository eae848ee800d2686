package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
)

// collect resolves the root actions' diagnostics to findings, one per
// report of every package variant (a file shared by a package and its
// test variant is reported by both), in the order they were reported.
func collect(graph *checker.Graph) []Finding {
	var out []Finding
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		for _, d := range act.Diagnostics {
			out = append(out, resolve(act.Package.Fset, act.Package.ID, act.Analyzer.Name, d))
		}
	}
	return out
}

// sortFindings sorts findings by file and position, stably.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return comparePositions(a.Pos, b.Pos) })
}

// comparePositions orders positions by file, line and column, which is
// the order of their offsets within one file; positions decoded from
// text have no offset.
func comparePositions(a, b token.Position) int {
	return cmp.Or(cmp.Compare(a.Filename, b.Filename), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// findingKey identifies a finding across package variants.
type findingKey struct {
	file              string
	line, column      int
	analyzer, message string
}

func keyOf(f Finding) findingKey {
	return findingKey{f.Pos.Filename, f.Pos.Line, f.Pos.Column, f.Analyzer, f.Message}
}

// uniqueSorted returns the findings sorted by position, without those
// that repeat an earlier one (same position, analyzer and message): the
// same file seen through a package and its test variant.
func uniqueSorted(fs []Finding) []Finding {
	seen := make(map[findingKey]bool)
	var out []Finding
	for _, f := range fs {
		k := keyOf(f)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	sortFindings(out)
	return out
}

// printText prints findings the way go vet does: "file:line:col:
// message", each related position on its own line indented by a tab,
// file names relative to the working directory.
func printText(w io.Writer, findings []Finding) {
	short := newPathShortener()
	for _, f := range findings {
		fmt.Fprintf(w, "%s: %s\n", short.position(f.Pos), f.Message)
		for _, rel := range f.Related {
			fmt.Fprintf(w, "%s: \t%s\n", short.position(rel.Pos), rel.Message)
		}
	}
}

// The x/tools JSON tree, as `go vet -json` and the x/tools drivers print
// it: package ID -> analyzer -> diagnostics.
type (
	jsonTree       map[string]map[string][]jsonDiagnostic
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// writeJSON prints findings as the x/tools JSON tree, under the path of
// the package that reported them, sorted by position. A finding that a
// package and its test variant both report (in a non-test file) is
// printed once, and a test variant's own findings appear under the
// package's path, as go vet -json prints them.
func writeJSON(w io.Writer, findings []Finding) error {
	tree := make(jsonTree)
	for _, f := range uniqueSorted(findings) {
		pkg := packagePath(f.Package)
		byAnalyzer := tree[pkg]
		if byAnalyzer == nil {
			byAnalyzer = make(map[string][]jsonDiagnostic)
			tree[pkg] = byAnalyzer
		}
		byAnalyzer[f.Analyzer] = append(byAnalyzer[f.Analyzer], jsonFinding(f))
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// packagePath is the package path of a package ID: "p" for "p" and for
// its test variant "p [p.test]".
func packagePath(id string) string {
	path, _, _ := strings.Cut(id, " [")
	return path
}

// jsonFinding converts f to the JSON schema; a missing end is the start,
// as in x/tools.
func jsonFinding(f Finding) jsonDiagnostic {
	d := jsonDiagnostic{
		Category: f.Category,
		Posn:     f.Pos.String(),
		End:      orStart(f.End, f.Pos).String(),
		Message:  f.Message,
	}
	for _, fix := range f.Fixes {
		jf := jsonFix{Message: fix.Message}
		for _, e := range fix.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{Filename: e.Filename, Start: e.Start, End: e.End, New: e.NewText})
		}
		d.SuggestedFixes = append(d.SuggestedFixes, jf)
	}
	for _, r := range f.Related {
		d.Related = append(d.Related, jsonRelated{Posn: r.Pos.String(), End: orStart(r.End, r.Pos).String(), Message: r.Message})
	}
	return d
}

func orStart(end, start token.Position) token.Position {
	if end.IsValid() {
		return end
	}
	return start
}
