package lsp

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/leakvet/leakvet/internal/directive"
	"github.com/leakvet/leakvet/internal/driver"
)

// codeActions offers, for each finding on the lines of the requested
// range, its suggested fixes as quick fixes and an action that inserts
// an ignore directive. A buffer that differs from the file analysed gets
// none: the fixes are offsets into that file.
func (s *Server) codeActions(p CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	if !wantsQuickFix(p.Context.Only) {
		return actions
	}
	path := goFile(p.TextDocument.URI)
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.pkgs[filepath.Dir(path)]
	if st == nil || st.files[path] == nil {
		return actions
	}
	fr := st.files[path]
	if d := s.docs[path]; d != nil && !bytes.Equal(d.text, fr.content.text) {
		return actions
	}
	for i, f := range fr.findings {
		diag := fr.diags[i]
		if diag.Range.End.Line < p.Range.Start.Line || diag.Range.Start.Line > p.Range.End.Line {
			continue
		}
		for _, fix := range f.Fixes {
			edit, ok := s.workspaceEdit(fix.Edits, st.contents)
			if !ok {
				continue
			}
			actions = append(actions, CodeAction{
				Title:       fix.Message,
				Kind:        "quickfix",
				Diagnostics: []Diagnostic{diag},
				IsPreferred: true,
				Edit:        edit,
			})
		}
		actions = append(actions, s.ignoreAction(f, diag, fr))
	}
	return actions
}

// wantsQuickFix reports whether a request restricted to the kinds only
// accepts quick fixes.
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "quickfix" || strings.HasPrefix("quickfix", k+".") || k == "" {
			return true
		}
	}
	return false
}

// workspaceEdit converts a fix's byte-offset edits. It fails when an
// edit is outside the file as analysed. Callers hold s.mu.
func (s *Server) workspaceEdit(edits []driver.Edit, contents *contentCache) (WorkspaceEdit, bool) {
	we := WorkspaceEdit{Changes: make(map[string][]TextEdit)}
	for _, e := range edits {
		path := filepath.Clean(e.Filename)
		c := contents.get(path)
		if e.Start < 0 || e.End < e.Start || e.End > len(c.text) {
			return WorkspaceEdit{}, false
		}
		uri := s.uriOf(path)
		we.Changes[uri] = append(we.Changes[uri], TextEdit{Range: c.rangeOf(e.Start, e.End, s.encoding), NewText: e.NewText})
	}
	return we, len(we.Changes) > 0
}

// ignoreAction inserts //leakvet:ignore ANALYZER <placeholder> on a line
// of its own above the finding's line, indented like it. The placeholder
// reason is itself reported until the user replaces it. Callers hold s.mu.
func (s *Server) ignoreAction(f driver.Finding, diag Diagnostic, fr *fileResult) CodeAction {
	c := fr.content
	line := c.position(c.offsetOf(f.Pos), encodingUTF8).Line
	start := c.lines[line]
	indent := start
	for indent < len(c.text) && (c.text[indent] == ' ' || c.text[indent] == '\t') {
		indent++
	}
	text := fmt.Sprintf("%s//leakvet:ignore %s %s\n", c.text[start:indent], f.Analyzer, directive.PlaceholderReason)
	at := c.position(start, s.encoding)
	return CodeAction{
		Title:       fmt.Sprintf("Ignore this %s report here (//leakvet:ignore, then write the reason)", f.Analyzer),
		Kind:        "quickfix",
		Diagnostics: []Diagnostic{diag},
		Edit:        WorkspaceEdit{Changes: map[string][]TextEdit{fr.uri: {{Range: Range{Start: at, End: at}, NewText: text}}}},
	}
}
