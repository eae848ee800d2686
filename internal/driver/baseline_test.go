package driver

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// finding makes a finding of unclosed in file at line.
func finding(file string, line int, msg string) Finding {
	return Finding{Analyzer: "unclosed", Message: "unclosed: " + msg, Pos: token.Position{Filename: file, Line: line, Column: 2, Offset: line * 10}}
}

// shifted moves every finding of file n lines down, and the line numbers
// its messages cite with it, as an edit above them would.
func shifted(fs []Finding, file string, n int) []Finding {
	out := slices.Clone(fs)
	for i := range out {
		if out[i].Pos.Filename != file {
			continue
		}
		out[i].Pos.Line += n
		out[i].Pos.Offset += n * 10
		out[i].Message = lineNumber.ReplaceAllStringFunc(out[i].Message, func(s string) string {
			var l int
			if _, err := fmt.Sscanf(s, "line %d", &l); err != nil {
				panic(err)
			}
			return fmt.Sprintf("line %d", l+n)
		})
	}
	return out
}

func TestFindingKeys(t *testing.T) {
	root := filepath.FromSlash("/src/m")
	a, b := filepath.Join(root, "a.go"), filepath.Join(root, "b.go")
	today := []Finding{
		finding(a, 10, "f from os.Open is not closed on the path that returns at line 14"),
		finding(a, 20, "rows from db.Query is never closed"),
		finding(a, 30, "rows from db.Query is never closed"), // identical message, second in the file
		finding(b, 5, "f from os.Open is never closed"),
	}
	keys := FindingKeys(root, today)
	if len(keys) != 4 || len(slices.Compact(slices.Sorted(slices.Values(keys)))) != 4 {
		t.Fatalf("keys %v, want four distinct ones", keys)
	}
	// Lines moved in a.go, and b.go is untouched: the same keys.
	if moved := FindingKeys(root, shifted(today, a, 7)); !slices.Equal(moved, keys) {
		t.Errorf("after moving lines: keys %v, want %v", moved, keys)
	}
	// The same module elsewhere (another checkout): the same keys.
	other := filepath.FromSlash("/home/ci/m")
	var moved []Finding
	for _, f := range today {
		f.Pos.Filename = filepath.Join(other, filepath.Base(f.Pos.Filename))
		moved = append(moved, f)
	}
	if got := FindingKeys(other, moved); !slices.Equal(got, keys) {
		t.Errorf("in another checkout: keys %v, want %v", got, keys)
	}
	// What the finding says changed: a new key.
	changed := slices.Clone(today)
	changed[3].Message = "unclosed: f from os.Create is never closed"
	if got := FindingKeys(root, changed); got[3] == keys[3] || !slices.Equal(got[:3], keys[:3]) {
		t.Errorf("after a change of message: keys %v, want only the last to change from %v", got, keys)
	}
}

func TestBaselineReportsOnlyNewFindings(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	path := filepath.Join(dir, "leakvet-baseline.txt")
	today := []Finding{
		finding(a, 10, "f from os.Open is not closed on the path that returns at line 14"),
		finding(a, 20, "rows from db.Query is never closed"),
	}
	if err := WriteBaseline(path, today); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(path)
	if err != nil || b.Len() != 2 {
		t.Fatalf("ReadBaseline: %v, %v entries; want 2", err, b)
	}
	if got := b.New(today); len(got) != 0 {
		t.Errorf("the recorded findings are new: %v", got)
	}
	if got := b.New(shifted(today, a, 3)); len(got) != 0 {
		t.Errorf("after lines moved, recorded findings are new: %v", got)
	}
	// A second identical finding in the file, and a different one.
	later := append(shifted(today, a, 3),
		finding(a, 40, "rows from db.Query is never closed"),
		finding(a, 50, "tx from db.Begin is never committed or rolled back"))
	got := b.New(later)
	if len(got) != 2 || got[0].Pos.Line != 40 || got[1].Pos.Line != 50 {
		t.Errorf("new findings %v, want those at lines 40 and 50", got)
	}
	// The same finding seen through a package and its test variant is one
	// finding, kept twice for outputs that list variants.
	variant := today[1]
	variant.Package = "p [p.test]"
	if got := b.New(append(slices.Clone(today), variant)); len(got) != 0 {
		t.Errorf("a test variant's copy of a recorded finding is new: %v", got)
	}
	// A baseline kept in a subdirectory names files with ../ and works
	// from any checkout.
	sub := filepath.Join(dir, ".ci", "leakvet-baseline.txt")
	if err := os.Mkdir(filepath.Dir(sub), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteBaseline(sub, today); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	if err := os.Mkdir(filepath.Join(other, ".ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sub)
	if err != nil || !strings.Contains(string(data), "\t../a.go:10\t") {
		t.Fatalf("baseline in .ci/: %v\n%s", err, data)
	}
	if err := os.WriteFile(filepath.Join(other, ".ci", "leakvet-baseline.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	moved, err := ReadBaseline(filepath.Join(other, ".ci", "leakvet-baseline.txt"))
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := slices.Clone(today)
	for i := range elsewhere {
		elsewhere[i].Pos.Filename = filepath.Join(other, "a.go")
	}
	if got := moved.New(elsewhere); len(got) != 0 {
		t.Errorf("a baseline in .ci/ of another checkout finds recorded findings new: %v", got)
	}

	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\ta.go:10\tunclosed\tf from os.Open is not closed on the path that returns at line 14\n") {
		t.Errorf("baseline file does not list the finding by its file relative to the baseline:\n%s", data)
	}
}

func TestReadBaselineRejectsWhatIsNotABaseline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.txt")
	if err := os.WriteFile(path, []byte("# comment\n\nnot a key\tfile.go:1\tunclosed\tmsg\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBaseline(path); err == nil || !strings.Contains(err.Error(), "b.txt:3: not a baseline entry") {
		t.Errorf("ReadBaseline = %v, want an error naming line 3", err)
	}
	if _, err := ReadBaseline(path + ".missing"); err == nil {
		t.Error("ReadBaseline of a missing file succeeded")
	}
}
