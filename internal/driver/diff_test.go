package driver

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedDiffFormat(t *testing.T) {
	lines := func(ns ...int) string {
		var b strings.Builder
		for _, n := range ns {
			fmt.Fprintf(&b, "line %d\n", n)
		}
		return b.String()
	}
	seq := func(from, to int) []int {
		var ns []int
		for n := from; n <= to; n++ {
			ns = append(ns, n)
		}
		return ns
	}
	for _, tc := range []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", lines(1, 2, 3), lines(1, 2, 3), ""},
		{
			"one insertion, with context", lines(seq(1, 10)...), lines(append(append(seq(1, 5), 55), seq(6, 10)...)...),
			"--- a/f.go\n+++ b/f.go\n@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+line 55\n line 6\n line 7\n line 8\n",
		},
		{
			"two changes close together share a hunk", lines(seq(1, 12)...), lines(append(append(seq(1, 3), seq(5, 8)...), seq(10, 12)...)...),
			"--- a/f.go\n+++ b/f.go\n@@ -1,12 +1,10 @@\n line 1\n line 2\n line 3\n-line 4\n line 5\n line 6\n line 7\n line 8\n-line 9\n line 10\n line 11\n line 12\n",
		},
		{
			"two distant changes make two hunks", lines(seq(1, 20)...), lines(append(append(append([]int{0}, seq(1, 18)...), 99), 20)...),
			"--- a/f.go\n+++ b/f.go\n@@ -1,3 +1,4 @@\n+line 0\n line 1\n line 2\n line 3\n@@ -16,5 +17,5 @@\n line 16\n line 17\n line 18\n-line 19\n+line 99\n line 20\n",
		},
		{
			"no newline at the end", "a\nb", "a\nc",
			"--- a/f.go\n+++ b/f.go\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{"from nothing", "", "a\n", "--- a/f.go\n+++ b/f.go\n@@ -0,0 +1 @@\n+a\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unifiedDiff("a/f.go", "b/f.go", []byte(tc.old), []byte(tc.new)); got != tc.want {
				t.Errorf("diff:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// Random edits: the diff, applied to the old text, gives the new one.
func TestUnifiedDiffApplies(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 500; i++ {
		old := make([]string, rng.Intn(40))
		for j := range old {
			old[j] = strconv.Itoa(rng.Intn(8)) + "\n" // repeated lines make it hard
		}
		var new []string
		for _, l := range old {
			switch rng.Intn(6) {
			case 0: // delete
			case 1: // replace
				new = append(new, "x"+l)
			case 2: // insert before
				new = append(new, "y"+strconv.Itoa(rng.Intn(3))+"\n", l)
			default:
				new = append(new, l)
			}
		}
		a, b := strings.Join(old, ""), strings.Join(new, "")
		d := unifiedDiff("a/f", "b/f", []byte(a), []byte(b))
		got, err := applyUnified(a, d)
		if err != nil || got != b {
			t.Fatalf("case %d: applying the diff gave %q (%v), want %q\nold %q\ndiff:\n%s", i, got, err, b, a, d)
		}
	}
}

// applyUnified applies a unified diff of one file to old, checking every
// context and deleted line.
func applyUnified(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	src := splitLines([]byte(old))
	var out []string
	next := 0 // index in src of the first line not yet copied
	lines := strings.SplitAfter(diff, "\n")
	for _, l := range lines[2:] {
		switch {
		case l == "":
		case strings.HasPrefix(l, "@@"):
			var aStart int
			if _, err := fmt.Sscanf(l, "@@ -%d", &aStart); err != nil {
				return "", fmt.Errorf("bad hunk header %q", l)
			}
			if !strings.Contains(strings.Fields(l)[1], ",") || !strings.HasSuffix(strings.Fields(l)[1], ",0") {
				aStart-- // to an index; an empty range names the line before it
			}
			for next < aStart {
				out = append(out, src[next])
				next++
			}
		case l[0] == ' ' || l[0] == '-':
			if next >= len(src) || src[next] != l[1:] {
				return "", fmt.Errorf("line %d is %q, the diff says %q", next+1, at(src, next), l[1:])
			}
			if l[0] == ' ' {
				out = append(out, src[next])
			}
			next++
		case l[0] == '+':
			out = append(out, l[1:])
		default:
			return "", fmt.Errorf("bad diff line %q", l)
		}
	}
	out = append(out, src[next:]...)
	return strings.Join(out, ""), nil
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end>"
}
