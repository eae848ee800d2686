package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"testing"
)

func TestParse(t *testing.T) {
	const src = `package p

//leakvet:ignore unclosed closed by the OS at exit
var a = 1

var b = 2 //leakvet:ignore unclosed,gocancel two analyzers at once

//leakvet:ignore unclosed
var c = 3

//leakvet:ignore nosuch because
var d = 4

//leakvet:ignore
var e = 5

// leakvet:ignore gocancel spaced form
var f = 6

//leakvet:ignored unclosed not a directive
var g = 7
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	set := Parse(fset, []*ast.File{file})
	line := func(n int) token.Pos { return fset.File(file.Pos()).LineStart(n) }

	for _, tc := range []struct {
		analyzer string
		line     int
		want     bool
	}{
		{"unclosed", 4, true},   // directive on the line above
		{"unclosed", 3, true},   // on its own line
		{"gocancel", 4, false},  // names another analyzer
		{"unclosed", 6, true},   // same line, first of two
		{"gocancel", 6, true},   // same line, second of two
		{"unclosed", 7, true},   // the line below the same-line directive
		{"unclosed", 9, false},  // no reason: malformed, silences nothing
		{"unclosed", 12, false}, // unknown analyzer
		{"gocancel", 18, true},  // spaced form
		{"unclosed", 21, false}, // not a directive
		{"unclosed", 5, false},  // two lines below: out of reach
	} {
		if got := set.Suppresses(tc.analyzer, line(tc.line)); got != tc.want {
			t.Errorf("Suppresses(%s, line %d) = %v, want %v", tc.analyzer, tc.line, got, tc.want)
		}
	}

	var problems []string
	for _, d := range set.All() {
		if d.Problem != "" {
			problems = append(problems, d.Problem)
		}
	}
	want := []string{
		"//leakvet:ignore unclosed needs a reason after the analyzer name",
		`//leakvet:ignore names unknown analyzer "nosuch" (known: unclosed, clientreuse, gocancel, testcleanup)`,
		"//leakvet:ignore needs an analyzer name (unclosed, clientreuse, gocancel, testcleanup) and a reason",
	}
	if len(problems) != len(want) {
		t.Fatalf("malformed directives: %q, want %q", problems, want)
	}
	for i := range want {
		if problems[i] != want[i] {
			t.Errorf("problem %d = %q, want %q", i, problems[i], want[i])
		}
	}

	// Usage holds the directives that said yes above, and no others.
	usage := set.Usage()
	used := make(map[int]bool)
	for _, d := range set.All() {
		used[fset.Position(d.Pos).Line] = usage.Silenced(d.Pos)
	}
	wantUsed := map[int]bool{
		3:  true,  // silenced unclosed on lines 3 and 4
		6:  true,  // silenced both of its analyzers
		8:  false, // malformed: no reason
		11: false, // malformed: unknown analyzer
		14: false, // malformed: nothing at all
		17: true,  // silenced gocancel
	}
	if !maps.Equal(used, wantUsed) {
		t.Errorf("directives used, by line: %v, want %v", used, wantUsed)
	}
	if (*Usage)(nil).Silenced(set.All()[0].Pos) {
		t.Error("a nil Usage silenced something")
	}
}

// TestPlaceholderReason: the reason the editor's ignore action writes
// silences nothing and is reported until replaced; its twin with a real
// reason in the same place silences.
func TestPlaceholderReason(t *testing.T) {
	const src = `package p

//leakvet:ignore unclosed ` + PlaceholderReason + `
var a = 1

//leakvet:ignore unclosed the <why this is not a leak> text is quoted here
var b = 2
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	set := Parse(fset, []*ast.File{file})
	line := func(n int) token.Pos { return fset.File(file.Pos()).LineStart(n) }
	if set.Suppresses("unclosed", line(4)) {
		t.Error("a directive with the placeholder reason silences the line below it")
	}
	if !set.Suppresses("unclosed", line(7)) {
		t.Error("a directive with a real reason that mentions the placeholder's words does not silence")
	}
	var bad []*Directive
	for _, d := range set.All() {
		if d.Problem != "" {
			bad = append(bad, d)
		}
	}
	if len(bad) != 1 || bad[0].Problem != "//leakvet:ignore unclosed still has the placeholder reason <why this is not a leak>: replace it by the reason" {
		t.Errorf("malformed directives = %+v, want the placeholder one only", bad)
	}
}
