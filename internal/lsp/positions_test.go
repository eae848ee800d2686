package lsp

import (
	"go/token"
	"strings"
	"testing"
)

func TestPositionEncodings(t *testing.T) {
	// "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
	c := newContent([]byte("a := \"é😀\"; b\r\nx\n"))
	b := strings.Index(string(c.text), "b")
	if got := c.position(b, encodingUTF16); got != (Position{0, 12}) {
		t.Errorf("utf-16 position of b = %+v, want 0:12", got)
	}
	if got := c.position(b, encodingUTF8); got != (Position{0, 15}) {
		t.Errorf("utf-8 position of b = %+v, want 0:15", got)
	}
	for _, enc := range []string{encodingUTF8, encodingUTF16} {
		if got := c.offset(c.position(b, enc), enc); got != b {
			t.Errorf("%s: offset(position(b)) = %d, want %d", enc, got, b)
		}
	}
	// A character past the end of a line stops before its \r\n.
	if got := c.offset(Position{0, 99}, encodingUTF16); got != b+1 {
		t.Errorf("offset past the end of line 0 = %d, want %d", got, b+1)
	}
	if got := c.position(len(c.text), encodingUTF16); got != (Position{2, 0}) {
		t.Errorf("position of the end = %+v, want 2:0", got)
	}
}

// TestSpan: a report without an end covers the syntax it points at, on
// its first line, and is never empty.
func TestSpan(t *testing.T) {
	const src = `package p

func f(paths []string) {
	for _, p := range paths {
		fd, _ := os.Open(p)
		defer fd.Close()
		go func() {
			use(fd)
		}()
	}
	x := 1 + 
}
`
	c := newContent([]byte(src))
	at := func(s string) int { return strings.Index(src, s) }
	for _, tc := range []struct {
		name     string
		start    int
		end      int
		wantText string
	}{
		{"a statement at its keyword", at("defer"), -1, "defer fd.Close()"},
		{"a call at its parenthesis", at("(p)"), -1, "os.Open(p)"},
		{"a multi-line statement, cut at its first line", at("go func"), -1, "go func() {"},
		{"an empty range", at("defer"), at("defer"), "defer fd.Close()"},
		{"a given range is kept", at("fd.Close"), at("fd.Close") + 2, "fd"},
		{"in a file that does not parse, the word", at("x :="), -1, "x := 1 +"},
		{"at the end of a line, the character before", at("+ \n") + 2, -1, " "},
	} {
		from, to := c.span(tc.start, tc.end)
		if got := src[from:to]; got != tc.wantText {
			t.Errorf("%s: span = %q, want %q", tc.name, got, tc.wantText)
		}
	}
	empty := newContent([]byte("\n"))
	if from, to := empty.span(0, -1); to <= from {
		t.Errorf("span on an empty line = [%d, %d), want one character", from, to)
	}
}

// TestOffsetOf: positions with only a line and a column (as decoded from
// go vet's output) and positions with only an offset both resolve.
func TestOffsetOf(t *testing.T) {
	c := newContent([]byte("package p\n\nfunc f() {}\n"))
	fn := strings.Index(string(c.text), "f()")
	for _, tc := range []struct {
		name string
		pos  token.Position
		want int
	}{
		{"line and column, no offset", token.Position{Filename: "p.go", Line: 3, Column: 6}, fn},
		{"line, column and offset", token.Position{Filename: "p.go", Offset: fn, Line: 3, Column: 6}, fn},
		{"offset only", token.Position{Filename: "p.go", Offset: fn}, fn},
		{"a column past the end of the line stops at its newline", token.Position{Line: 1, Column: 99}, len("package p")},
		{"a line past the end: the offset", token.Position{Line: 9, Column: 1, Offset: 3}, 3},
	} {
		if got := c.offsetOf(tc.pos); got != tc.want {
			t.Errorf("%s: offsetOf = %d, want %d", tc.name, got, tc.want)
		}
	}
}
