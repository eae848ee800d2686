package lsp

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"unicode"
	"unicode/utf8"
)

// Position encodings the server can negotiate (LSP 3.17
// general.positionEncodings); UTF-16 is the protocol's default.
const (
	encodingUTF8  = "utf-8"
	encodingUTF16 = "utf-16"
)

// content is the text of one file with its line starts, to convert
// between byte offsets and protocol positions.
type content struct {
	text  []byte
	lines []int // byte offset of the start of each line
}

func newContent(text []byte) *content {
	c := &content{text: text, lines: []int{0}}
	for i, b := range text {
		if b == '\n' {
			c.lines = append(c.lines, i+1)
		}
	}
	return c
}

// lineEnd is the offset of the end of line i, before its newline (and a
// carriage return preceding it).
func (c *content) lineEnd(i int) int {
	end := len(c.text)
	if i+1 < len(c.lines) {
		end = c.lines[i+1] - 1
	}
	if end > c.lines[i] && c.text[end-1] == '\r' {
		end--
	}
	return end
}

// offsetOf is the byte offset of a resolved position. Line and column
// win over the offset: positions decoded from go vet's output
// ("file:line:col") have no offset.
func (c *content) offsetOf(p token.Position) int {
	if p.Line < 1 || p.Line > len(c.lines) {
		return max(0, min(p.Offset, len(c.text)))
	}
	start := c.lines[p.Line-1]
	end := len(c.text)
	if p.Line < len(c.lines) {
		end = c.lines[p.Line] - 1 // the newline itself may be reported
	}
	return start + max(0, min(p.Column-1, end-start))
}

// position converts a byte offset to a protocol position.
func (c *content) position(offset int, encoding string) Position {
	offset = max(0, min(offset, len(c.text)))
	line := 0
	for lo, hi := 0, len(c.lines); lo < hi; {
		mid := (lo + hi) / 2
		if c.lines[mid] <= offset {
			line, lo = mid, mid+1
		} else {
			hi = mid
		}
	}
	prefix := c.text[c.lines[line]:offset]
	if encoding == encodingUTF8 {
		return Position{Line: line, Character: len(prefix)}
	}
	return Position{Line: line, Character: utf16Len(prefix)}
}

// offset converts a protocol position to a byte offset, clamping
// positions past the end of a line or of the text.
func (c *content) offset(p Position, encoding string) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(c.lines) {
		return len(c.text)
	}
	start, end := c.lines[p.Line], c.lineEnd(p.Line)
	if encoding == encodingUTF8 {
		return start + max(0, min(p.Character, end-start))
	}
	units := 0
	for i := start; i < end; {
		if units >= p.Character {
			return i
		}
		r, size := utf8.DecodeRune(c.text[i:end])
		units += utf16Units(r)
		i += size
	}
	return end
}

// rangeOf converts byte offsets [start, end) to a protocol range.
func (c *content) rangeOf(start, end int, encoding string) Range {
	return Range{Start: c.position(start, encoding), End: c.position(end, encoding)}
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += utf16Units(r)
		b = b[size:]
	}
	return n
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// span returns the byte range a diagnostic covers. A reported range with
// an end is used as it is; a report with no end (or an empty one) covers
// the syntax at the reported offset (see syntaxAt), cut at the end of its
// first line, else the word there, else one character. It is never empty
// unless the file is.
func (c *content) span(start, end int) (int, int) {
	start = max(0, min(start, len(c.text)))
	if end > start && end <= len(c.text) {
		return start, end
	}
	start, end = c.syntaxAt(start)
	line := c.position(start, encodingUTF8).Line
	if eol := c.lineEnd(line); end > eol {
		end = eol
	}
	for end > start && (c.text[end-1] == ' ' || c.text[end-1] == '\t') {
		end--
	}
	if end <= start {
		end = c.wordEnd(start)
	}
	if end > start {
		return start, end
	}
	// At the end of a line: take the character before, or the line break.
	if start > c.lines[line] {
		_, size := utf8.DecodeLastRune(c.text[:start])
		return start - size, start
	}
	return start, min(len(c.text), start+1)
}

// syntaxAt finds the syntax a position without an end designates: the
// outermost node that starts at offset (the statement at a `defer` or
// `go` keyword, the expression at its first token), or else the call
// whose opening parenthesis is at offset (where go/ssa places calls). It
// returns [offset, offset) when the file does not parse or neither
// exists.
func (c *content) syntaxAt(offset int) (int, int) {
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "", c.text, parser.SkipObjectResolution)
	if f == nil {
		return offset, offset // a partial tree still locates most nodes
	}
	tf := fset.File(f.Pos())
	end, callFrom, callTo := offset, -1, -1
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || !n.Pos().IsValid() || !n.End().IsValid() {
			return n != nil
		}
		from, to := tf.Offset(n.Pos()), tf.Offset(n.End())
		if from > offset || to <= offset {
			return false // the node neither starts at nor contains offset
		}
		if from == offset && to > end {
			end = to
		}
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen.IsValid() && tf.Offset(call.Lparen) == offset {
			callFrom, callTo = from, to
		}
		return true
	})
	if end == offset && callFrom >= 0 {
		return callFrom, callTo
	}
	return offset, end
}

// wordEnd is the end of the identifier or number at offset, or of the
// single character there.
func (c *content) wordEnd(offset int) int {
	i := offset
	for i < len(c.text) {
		r, size := utf8.DecodeRune(c.text[i:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	if i == offset && i < len(c.text) && !bytes.ContainsRune([]byte("\r\n"), rune(c.text[i])) {
		_, size := utf8.DecodeRune(c.text[i:])
		i += size
	}
	return i
}
