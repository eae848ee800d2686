package driver

import (
	"bufio"
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/leakvet/leakvet/internal/version"
)

// SARIF 2.1.0, the subset GitHub code scanning reads: one run, one rule
// per analyzer, results located relative to the source root.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// srcRoot is the uriBaseId of every location in the source tree.
	srcRoot = "%SRCROOT%"
	infoURI = "https://github.com/leakvet/leakvet"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags      []string `json:"tags"`
	Precision string   `json:"precision"`
	Severity  string   `json:"problem.severity"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`

	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int             `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLoc `json:"physicalLocation"`
	Message          *sarifText       `json:"message,omitempty"`
}

type sarifPhysicalLoc struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// writeSARIF writes findings as a SARIF log with one rule per analyzer of
// suite. Locations under root are URIs relative to it (uriBaseId
// %SRCROOT%); ok says whether every package was analysed; run adds what
// the run knows besides the findings (sarifextra.go).
func writeSARIF(w io.Writer, suite []*analysis.Analyzer, findings []Finding, root string, ok bool, extra sarifExtra) error {
	s := &sarifWriter{root: root, lines: make(map[string][]string)}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "leakvet",
			Version:        version.String(),
			InformationURI: infoURI,
			Rules:          []sarifRule{},
		}},
		Invocations:        []sarifInvocation{{ExecutionSuccessful: ok, ToolExecutionNotifications: notifications(extra.failures)}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(root, true)}},
		Results:            []sarifResult{},
		ColumnKind:         "utf16CodeUnits",
	}
	index := make(map[string]int)
	for _, a := range suite {
		index[a.Name] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(a))
	}
	fingerprints := extra.fingerprints(root, findings)
	for _, f := range findings {
		res := sarifResult{
			RuleID:              f.Analyzer,
			RuleIndex:           index[f.Analyzer],
			Level:               level(f.Category),
			PartialFingerprints: fingerprints[keyOf(f)],
			Properties:          resultProperties(f),
			Message:             sarifText{Text: strings.TrimPrefix(f.Message, f.Analyzer+": ")},
			Locations:           []sarifLocation{{PhysicalLocation: s.location(f.Pos, f.End)}},
		}
		for i, rel := range f.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: s.location(rel.Pos, rel.End),
				Message:          &sarifText{Text: rel.Message},
			})
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{run}})
}

// rule describes an analyzer: its doc's first line as the short
// description, the whole doc as the help.
func rule(a *analysis.Analyzer) sarifRule {
	title, _, _ := strings.Cut(a.Doc, "\n")
	title = strings.TrimSpace(title)
	return sarifRule{
		ID:                   a.Name,
		Name:                 ruleName(a.Name),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: title},
		Help:                 sarifText{Text: a.Doc, Markdown: helpMarkdown(a)},
		HelpURI:              a.URL,
		DefaultConfiguration: sarifRuleLevel{Level: "warning"},
		Properties: sarifRuleProps{
			Tags:      []string{"reliability", "resource-leak"},
			Precision: "high",
			Severity:  "warning",
		},
	}
}

// sarifWriter converts positions to SARIF locations.
type sarifWriter struct {
	root  string
	lines map[string][]string // file -> lines, read to count UTF-16 columns
}

func (s *sarifWriter) location(start, end token.Position) sarifPhysicalLoc {
	loc := sarifPhysicalLoc{
		ArtifactLocation: s.artifact(start.Filename),
		Region: sarifRegion{
			StartLine:   start.Line,
			StartColumn: s.column(start),
		},
	}
	if end.IsValid() && end.Filename == start.Filename && comparePositions(end, start) >= 0 {
		loc.Region.EndLine = end.Line
		loc.Region.EndColumn = s.column(end)
	}
	return loc
}

// artifact locates file relative to the root when it is inside it, by its
// absolute file URI otherwise.
func (s *sarifWriter) artifact(file string) sarifArtifactLoc {
	if rel, err := filepath.Rel(s.root, file); err == nil && filepath.IsLocal(rel) {
		u := url.URL{Path: filepath.ToSlash(rel)}
		return sarifArtifactLoc{URI: u.String(), URIBaseID: srcRoot}
	}
	return sarifArtifactLoc{URI: fileURI(file, false)}
}

// column converts a byte column (go/token's) to the UTF-16 code units
// SARIF counts by default; they differ on lines with non-ASCII text.
func (s *sarifWriter) column(p token.Position) int {
	if p.Column <= 0 {
		return 0
	}
	lines, ok := s.lines[p.Filename]
	if !ok {
		lines = readLines(p.Filename)
		s.lines[p.Filename] = lines
	}
	if p.Line-1 >= len(lines) || p.Column-1 > len(lines[p.Line-1]) {
		return p.Column
	}
	return len(utf16.Encode([]rune(lines[p.Line-1][:p.Column-1]))) + 1
}

func readLines(file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// fileURI is the file: URI of an absolute path, with a final slash for a
// directory.
func fileURI(path string, dir bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// sourceRoot is the directory SARIF locations are relative to: the root
// of the git repository around the working directory, which is what
// GitHub code scanning resolves them against, or else the main module's
// directory, or else the working directory.
func sourceRoot(pkgs []*packages.Package) string {
	if root := gitRoot(); root != "" {
		return root
	}
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main && p.Module.Dir != "" {
			return p.Module.Dir
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return cwd
}

// gitRoot returns the root of the git repository around the working
// directory, or "".
func gitRoot() string {
	cwd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := cwd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
