package driver

import (
	"go/doc/comment"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
)

// sarifExtra is what a SARIF log says besides the findings it reports.
type sarifExtra struct {
	// failures are the packages that could not be loaded or analysed, one
	// line each: the run's toolExecutionNotifications.
	failures []string
	// all are the run's findings before a baseline took the old ones out,
	// sorted without duplicates: fingerprints rank identical findings
	// among all of them, so that a result has the same fingerprint with
	// and without a baseline. Nil means the findings written.
	all []Finding
}

// fingerprintKey names leakvet's partial fingerprint. GitHub code
// scanning matches a result to an existing alert by its partial
// fingerprints; the version suffix changes if the key ever does.
const fingerprintKey = "leakvetFindingKey/v1"

// fingerprints returns the partialFingerprints of each finding: its
// FindingKeys key relative to root, which stays the same when lines move.
func (e sarifExtra) fingerprints(root string, findings []Finding) map[findingKey]map[string]string {
	all := e.all
	if all == nil {
		all = uniqueSorted(findings)
	}
	keys := FindingKeys(root, all)
	out := make(map[findingKey]map[string]string, len(all))
	for i, f := range all {
		out[keyOf(f)] = map[string]string{fingerprintKey: keys[i]}
	}
	return out
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

// notifications turns the lines of packages that failed into SARIF
// notifications of level error.
func notifications(failures []string) []sarifNotification {
	var out []sarifNotification
	for _, f := range failures {
		out = append(out, sarifNotification{Level: "error", Message: sarifText{Text: f}})
	}
	return out
}

type sarifResultProps struct {
	Category string `json:"category"`
}

// level is the SARIF level of a finding of category: a leak on the
// normal path is a warning; one only on an error path or when a test
// fails matters less and is a note.
func level(category string) string {
	switch category {
	case "error-path", "fail-path":
		return "note"
	}
	return "warning"
}

// resultProperties records the finding's category ("normal",
// "error-path", "fail-path"), when the analyzer set one.
func resultProperties(f Finding) *sarifResultProps {
	if f.Category == "" {
		return nil
	}
	return &sarifResultProps{Category: f.Category}
}

// ruleNames are the rules' human-readable names, distinct from their ids
// (the analyzers' names), as SARIF viewers show them.
var ruleNames = map[string]string{
	"unclosed":    "ResourceNotReleased",
	"clientreuse": "PoolBuiltPerRepetition",
	"gocancel":    "GoroutineOrCancelNeverStopped",
	"testcleanup": "TestResourceOutlivesTest",
	"directives":  "IgnoreDirectiveMalformedOrUnused",
}

// ruleName is the name of the rule of analyzer: from ruleNames, or its
// name in upper camel case.
func ruleName(analyzer string) string {
	if n, ok := ruleNames[analyzer]; ok {
		return n
	}
	var b strings.Builder
	upper := true
	for _, r := range analyzer {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// helpMarkdown renders the analyzer's documentation, a Go doc comment
// (lists, code blocks, links), as Markdown, with a link to its page.
func helpMarkdown(a *analysis.Analyzer) string {
	var p comment.Parser
	var pr comment.Printer
	md := string(pr.Markdown(p.Parse(a.Doc)))
	if a.URL != "" {
		md += "\n[Documentation](" + a.URL + ")\n"
	}
	return md
}
