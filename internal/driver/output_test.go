package driver

import (
	"bytes"
	"encoding/json"
	"go/token"
	"reflect"
	"testing"
)

// TestWriteJSONOncePerFinding: the in-process route sees a non-test file
// through the package and its test variant; -json prints such a finding
// once, and every finding under the package's path, as go vet -json does.
// Two different findings at one position are both kept.
func TestWriteJSONOncePerFinding(t *testing.T) {
	at := func(file string, line int) token.Position {
		return token.Position{Filename: file, Line: line, Column: 2}
	}
	findings := []Finding{
		{Package: "example.com/p [example.com/p.test]", Analyzer: "unclosed", Message: "unclosed: shared", Pos: at("p.go", 3)},
		{Package: "example.com/p [example.com/p.test]", Analyzer: "testcleanup", Message: "testcleanup: test only", Pos: at("p_test.go", 9)},
		{Package: "example.com/p", Analyzer: "unclosed", Message: "unclosed: shared", Pos: at("p.go", 3)},
		{Package: "example.com/p", Analyzer: "unclosed", Message: "unclosed: another at the same place", Pos: at("p.go", 3)},
		{Package: "example.com/p_test [example.com/p.test]", Analyzer: "unclosed", Message: "unclosed: external", Pos: at("x_test.go", 5)},
	}
	var buf bytes.Buffer
	if err := writeJSON(&buf, findings); err != nil {
		t.Fatal(err)
	}
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		t.Fatalf("not a JSON tree: %v\n%s", err, buf.String())
	}
	count := func(pkg, analyzer string) int { return len(tree[pkg][analyzer]) }
	if len(tree) != 2 || count("example.com/p", "unclosed") != 2 || count("example.com/p", "testcleanup") != 1 || count("example.com/p_test", "unclosed") != 1 {
		t.Errorf("want example.com/p with 2 unclosed and 1 testcleanup findings, example.com/p_test with 1; got\n%s", buf.String())
	}
}

// TestVetJSONRoundTrip: findings printed as the JSON tree and decoded as
// go vet's output come back equal, with a missing end still missing and
// a file name holding a colon intact.
func TestVetJSONRoundTrip(t *testing.T) {
	pos := func(file string, line, col int) token.Position {
		return token.Position{Filename: file, Line: line, Column: col}
	}
	want := []Finding{{
		Package:  "example.com/p",
		Analyzer: "unclosed",
		Category: "error-path",
		Message:  "unclosed: f from os.Open is never closed",
		Pos:      pos("/src/a:b.go", 7, 12),
		End:      pos("/src/a:b.go", 7, 25),
		Related:  []Related{{Pos: pos("/src/a:b.go", 13, 2), Message: "f leaks here"}},
		Fixes:    []Fix{{Message: "Insert defer", Edits: []Edit{{Filename: "/src/a:b.go", Start: 188, End: 188, NewText: "\n\tdefer f.Close()"}}}},
	}, {
		Package:  "example.com/p",
		Analyzer: "unclosed",
		Message:  "unclosed: no end",
		Pos:      pos("/src/c.go", 3, 1),
	}}
	var buf bytes.Buffer
	if err := writeJSON(&buf, want); err != nil {
		t.Fatal(err)
	}
	buf.WriteString(buf.String()) // go vet prints one tree per package
	got, err := decodeVetJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2*len(want) {
		t.Fatalf("decoded %d findings, want %d", len(got), 2*len(want))
	}
	for i, f := range got {
		if w := want[i%len(want)]; !reflect.DeepEqual(f, w) {
			t.Errorf("decoded\n%+v\nwant\n%+v", f, w)
		}
	}
	if _, err := decodeVetJSON(bytes.NewBufferString(`{"p": {"unclosed": {"error": "boom"}}}`)); err == nil {
		t.Errorf("an analysis error in go vet's output decoded without error")
	}
}

// TestOnlyProgress: the go command's download lines on a first run do not
// send the go vet route to the in-process fallback; anything else does.
func TestOnlyProgress(t *testing.T) {
	for stderr, want := range map[string]bool{
		"": true,
		"go: downloading golang.org/x/net v0.1.0\ngo: downloading golang.org/x/text v0.2.0\n":     true,
		"go: warning: \"./nosuch/...\" matched no packages\n":                                     false,
		"go: downloading golang.org/x/net v0.1.0\n# example.com/m\nvet: p.go:3:9: expected ')'\n": false,
	} {
		if got := onlyProgress(stderr); got != want {
			t.Errorf("onlyProgress(%q) = %v, want %v", stderr, got, want)
		}
	}
}
