// Package directive parses leakvet's suppression comments:
//
//	//leakvet:ignore <analyzer>[,<analyzer>...] <reason>
//
// A directive silences the named analyzers' reports on its own line and on
// the line below it. The reason is mandatory.
package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

// UnusedCategory is the category of a report that a directive silences
// nothing, so that drivers can tell such reports from others.
const UnusedCategory = "unused-directive"

// Analyzers are the names a directive may use.
var Analyzers = []string{"unclosed", "clientreuse", "gocancel", "testcleanup"}

const prefix = "leakvet:ignore"

// PlaceholderReason is the reason the editor's "ignore here" action
// writes for the user to replace; a directive that keeps it is reported
// like one without a reason, so that no ignore goes in unexplained.
const PlaceholderReason = "<why this is not a leak>"

// A Directive is one parsed //leakvet:ignore comment.
type Directive struct {
	// Pos is the position of the comment.
	Pos token.Pos
	// Analyzers are the analyzers it silences.
	Analyzers []string
	// Reason says why; a directive without one is malformed.
	Reason string
	// Problem, when set, says what is wrong with the directive.
	Problem string
}

type lineKey struct {
	file string
	line int
}

// Set holds the directives of a package.
type Set struct {
	fset  *token.FileSet
	all   []*Directive
	lines map[lineKey][]*Directive
	// silenced holds the directives Suppresses said yes for.
	silenced map[token.Pos]bool
}

// Parse collects the directives in files.
func Parse(fset *token.FileSet, files []*ast.File) *Set {
	s := &Set{fset: fset, lines: make(map[lineKey][]*Directive), silenced: make(map[token.Pos]bool)}
	for _, f := range files {
		for _, group := range f.Comments {
			for _, c := range group.List {
				d, ok := parseComment(c)
				if !ok {
					continue
				}
				s.all = append(s.all, d)
				p := fset.Position(c.Slash)
				s.lines[lineKey{p.Filename, p.Line}] = append(s.lines[lineKey{p.Filename, p.Line}], d)
			}
		}
	}
	return s
}

// parseComment recognises "//leakvet:ignore ..." (and the spaced form
// "// leakvet:ignore ...", which a user may well type).
func parseComment(c *ast.Comment) (*Directive, bool) {
	text, ok := strings.CutPrefix(c.Text, "//")
	if !ok {
		return nil, false
	}
	text = strings.TrimLeft(text, " \t")
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, false
	}
	d := &Directive{Pos: c.Slash}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		d.Problem = fmt.Sprintf("//%s needs an analyzer name (%s) and a reason", prefix, strings.Join(Analyzers, ", "))
		return d, true
	}
	for _, name := range strings.Split(fields[0], ",") {
		if !slices.Contains(Analyzers, name) {
			d.Problem = fmt.Sprintf("//%s names unknown analyzer %q (known: %s)", prefix, name, strings.Join(Analyzers, ", "))
			return d, true
		}
		d.Analyzers = append(d.Analyzers, name)
	}
	d.Reason = strings.Join(fields[1:], " ")
	switch d.Reason {
	case "":
		d.Problem = fmt.Sprintf("//%s %s needs a reason after the analyzer name", prefix, fields[0])
	case PlaceholderReason:
		d.Problem = fmt.Sprintf("//%s %s still has the placeholder reason %s: replace it by the reason", prefix, fields[0], PlaceholderReason)
	}
	return d, true
}

// Suppresses reports whether a well-formed directive on pos's line or the
// line above silences analyzer there, and records that it did.
func (s *Set) Suppresses(analyzer string, pos token.Pos) bool {
	p := s.fset.Position(pos)
	found := false
	for _, line := range []int{p.Line, p.Line - 1} {
		for _, d := range s.lines[lineKey{p.Filename, line}] {
			if d.Problem == "" && slices.Contains(d.Analyzers, analyzer) {
				s.silenced[d.Pos] = true
				found = true
			}
		}
	}
	return found
}

// All returns the directives of the package, well-formed or not, in the
// order of the files and comments.
func (s *Set) All() []*Directive { return s.all }

// Usage returns what Suppresses has silenced so far.
func (s *Set) Usage() *Usage { return &Usage{silenced: s.silenced} }

// Usage records which directives of a package silenced a report of one
// analyzer. Each analyzer returns its Usage as its result, so that the
// directives analyzer can tell a directive that silences nothing.
type Usage struct {
	silenced map[token.Pos]bool
}

// Silenced reports whether the directive at pos silenced a report. A nil
// Usage (an analyzer that analysed nothing) silenced nothing.
func (u *Usage) Silenced(pos token.Pos) bool { return u != nil && u.silenced[pos] }
