package driver

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// previewFixes writes to w, as one unified diff, what -fix would change,
// without changing anything, and returns the findings -fix would leave and
// how many it would fix. File names are relative to the working directory
// (a/ and b/ prefixed, for git apply and patch -p1) when the files are
// under it.
func previewFixes(w io.Writer, findings []Finding, logf func(string, ...any)) ([]Finding, int) {
	short := newPathShortener()
	var out strings.Builder
	remaining, fixed, _ := fixFiles(findings, logf, func(name string, src, fixed []byte) error {
		old, new := filepath.ToSlash(short.path(name)), ""
		if filepath.IsAbs(name) && old == filepath.ToSlash(name) {
			new = old
		} else {
			old, new = "a/"+old, "b/"+old
		}
		out.WriteString(unifiedDiff(old, new, src, fixed))
		return nil
	})
	if _, err := io.WriteString(w, out.String()); err != nil {
		logf("writing the diff: %v", err)
	}
	return remaining, fixed
}

// diffContext is the number of unchanged lines around each change in a
// hunk, as in diff -u and gofmt -d.
const diffContext = 3

// maxDiffEdits bounds the search for a shortest edit script; beyond it
// (a file that gofmt rewrote wholesale) the changed region is shown as
// one replacement, which is still a correct patch.
const maxDiffEdits = 2000

// unifiedDiff returns the unified diff that turns old into new, with
// oldName and newName in its headers, or "" when they are equal.
func unifiedDiff(oldName, newName string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk runs from diffContext lines before this change to
		// diffContext lines after the last change that is no further
		// than 2*diffContext unchanged lines from the previous one.
		start := max(i-diffContext, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*diffContext {
				end = min(end+diffContext, len(ops))
				break
			}
			end = run
		}
		writeHunk(&out, ops[start:end])
		i = end
	}
	return out.String()
}

// diffOp is one line of an edit script: kept (' '), deleted ('-') or
// inserted ('+'), with the line numbers (from 1) it has in old and new.
type diffOp struct {
	kind       byte
	text       string
	aLine, bLn int
}

// writeHunk writes ops as one hunk with its @@ header.
func writeHunk(out *strings.Builder, ops []diffOp) {
	aStart, bStart, aCount, bCount := 0, 0, 0, 0
	for _, op := range ops {
		if op.kind != '+' {
			if aCount == 0 {
				aStart = op.aLine
			}
			aCount++
		}
		if op.kind != '-' {
			if bCount == 0 {
				bStart = op.bLn
			}
			bCount++
		}
	}
	// An empty range is written as the line before it, as diff -u does.
	if aCount == 0 {
		aStart = ops[0].aLine - 1
	}
	if bCount == 0 {
		bStart = ops[0].bLn - 1
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(aStart, aCount), hunkRange(bStart, bCount))
	for _, op := range ops {
		out.WriteByte(op.kind)
		out.WriteString(op.text)
		if !strings.HasSuffix(op.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func hunkRange(start, count int) string {
	if count == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// splitLines splits text after each newline; a last line without one is
// kept as it is.
func splitLines(text []byte) []string {
	var lines []string
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, string(text))
			break
		}
		lines = append(lines, string(text[:i+1]))
		text = text[i+1:]
	}
	return lines
}

// diffLines returns an edit script turning a into b: the lines they share
// at both ends kept, and between them a shortest edit script (Myers's
// O(ND) algorithm), or a plain replacement when that is too long.
func diffLines(a, b []string) []diffOp {
	prefix := 0
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	var ops []diffOp
	keep := func(i, j int) { ops = append(ops, diffOp{' ', a[i], i + 1, j + 1}) }
	for i := 0; i < prefix; i++ {
		keep(i, i)
	}
	midA, midB := a[prefix:len(a)-suffix], b[prefix:len(b)-suffix]
	for _, op := range middleScript(midA, midB) {
		op.aLine += prefix
		op.bLn += prefix
		ops = append(ops, op)
	}
	for k := suffix; k > 0; k-- {
		keep(len(a)-k, len(b)-k)
	}
	return ops
}

// middleScript is the edit script of a and b, whose first and last lines
// differ. Line numbers count from 1 within a and b.
func middleScript(a, b []string) []diffOp {
	n, m := len(a), len(b)
	offset := n + m
	v := make([]int, 2*offset+2)
	var trace [][]int
	found := false
	for d := 0; d <= min(n+m, maxDiffEdits) && !found; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				x = v[offset+k+1] // down: insert b's line
			} else {
				x = v[offset+k-1] + 1 // right: delete a's line
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[offset+k] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	if !found {
		var ops []diffOp
		for i, l := range a {
			ops = append(ops, diffOp{'-', l, i + 1, 1})
		}
		for j, l := range b {
			ops = append(ops, diffOp{'+', l, n + 1, j + 1})
		}
		return ops
	}
	// Walk back from (n, m) through the saved frontiers. trace[d] is the
	// frontier before step d, so step d's choice is read from trace[d].
	var rev []diffOp
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		vd := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && vd[offset+k-1] < vd[offset+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := vd[offset+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			rev = append(rev, diffOp{' ', a[x], x + 1, y + 1})
		}
		if x == prevX {
			y--
			rev = append(rev, diffOp{'+', b[y], x + 1, y + 1})
		} else {
			x--
			rev = append(rev, diffOp{'-', a[x], x + 1, y + 1})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, diffOp{' ', a[x], x + 1, y + 1})
	}
	ops := make([]diffOp, len(rev))
	for i, op := range rev {
		ops[len(rev)-1-i] = op
	}
	return ops
}
