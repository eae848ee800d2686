package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyFixture copies a fixture module to a temporary directory.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture(name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Text output names files relative to the working directory when they
// are under it, as go vet does, and by their absolute path otherwise.
func TestTextPathsRelativeToWorkingDirectory(t *testing.T) {
	dir := fixture("leaky")
	_, stderr, _ := run(t, dir, binary, "./...")
	for _, want := range []string{"\nfetch.go:19:3: \tresp.Body leaks here", "\nstore/store.go:53:13: unclosed: tx from s.DB.Begin"} {
		if !strings.Contains("\n"+stderr, want) {
			t.Errorf("output lacks %q:\n%s", want[1:], stderr)
		}
	}
	if strings.Contains(stderr, dir) {
		t.Errorf("output names files by absolute path:\n%s", stderr)
	}
	// From store/, fetch.go is outside the working directory.
	_, stderr, _ = run(t, filepath.Join(dir, "store"), binary, "../...")
	for _, want := range []string{"\n" + filepath.Join(dir, "fetch.go") + ":14:15: unclosed:", "\nstore.go:53:13: unclosed:"} {
		if !strings.Contains("\n"+stderr, want) {
			t.Errorf("from store/: output lacks %q:\n%s", want[1:], stderr)
		}
	}
	// Error lines too.
	_, stderr, _ = run(t, fixture("broken"), binary, "./...")
	if !strings.HasPrefix(stderr, "leakvet: broken.go:8:11: ") {
		t.Errorf("error line: %q, want it to name broken.go relative to the working directory", stderr)
	}
}

// -diff prints the patch -fix would apply (fix.diff.golden), writes
// nothing, and reports on stderr only what -fix would leave.
func TestDiffPreviewsFixes(t *testing.T) {
	dir := copyFixture(t, "leaky")
	stdout, stderr, code := run(t, dir, binary, "-diff", "./...")
	want, err := os.ReadFile(filepath.Join(dir, "fix.diff.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Errorf("-diff printed:\n%s\nwant (fix.diff.golden):\n%s", stdout, want)
	}
	if code != 3 {
		t.Errorf("exit %d, want 3: nothing was fixed", code)
	}
	if got := diagnostics(t, dir, stderr); len(got) != 2 || !strings.Contains(got[1], "defer f.Close() inside a loop") {
		t.Errorf("stderr lists:\n%s\nwant only the finding without a fix", strings.Join(got, "\n"))
	}
	for _, name := range []string{"fetch.go", "store/store.go"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		orig, _ := os.ReadFile(filepath.Join(fixture("leaky"), name))
		if string(got) != string(orig) {
			t.Errorf("-diff changed %s", name)
		}
	}
	// The patch is what -fix writes.
	if _, stderr, code := run(t, dir, binary, "-fix", "./..."); code != 3 {
		t.Fatalf("-fix: exit %d\n%s", code, stderr)
	}
	if stdout, _, code := run(t, dir, binary, "-diff", "./..."); stdout != "" || code != 3 {
		t.Errorf("-diff after -fix: exit %d, patch:\n%s\nwant none", code, stdout)
	}
	if stdout, _, code := run(t, fixture("clean"), binary, "-diff", "./..."); stdout != "" || code != 0 {
		t.Errorf("-diff on clean code: exit %d, patch:\n%s", code, stdout)
	}
	if _, stderr, code := run(t, dir, binary, "-diff", "-sarif", "./..."); code != 2 || !strings.Contains(stderr, "-diff prints a patch") {
		t.Errorf("-diff -sarif: exit %d, %s", code, stderr)
	}
}

// -baseline records today's findings, then reports only new ones, in text
// and in SARIF, across edits that only move lines.
func TestBaseline(t *testing.T) {
	dir := copyFixture(t, "leaky")
	baseline := filepath.Join(dir, "leakvet-baseline.txt")
	_, stderr, code := run(t, dir, binary, "-baseline=leakvet-baseline.txt", "./...")
	if code != 0 || !strings.Contains(stderr, "recorded 4 findings in baseline leakvet-baseline.txt") {
		t.Fatalf("first run: exit %d, want 0 and the baseline recorded\n%s", code, stderr)
	}
	if _, err := os.Stat(baseline); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, dir, binary, "-baseline=leakvet-baseline.txt", "./..."); code != 0 || stderr != "" {
		t.Errorf("second run: exit %d, want 0 and nothing\n%s", code, stderr)
	}
	// Move every line of fetch.go down, and add a leak to store.go.
	fetch := filepath.Join(dir, "fetch.go")
	src, _ := os.ReadFile(fetch)
	moved := strings.Replace(string(src), "\nimport (", "\n// Moved down.\n\n// Further down.\n\nimport (", 1)
	if err := os.WriteFile(fetch, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, dir, binary, "-baseline=leakvet-baseline.txt", "./..."); code != 0 || stderr != "" {
		t.Errorf("after lines moved: exit %d, want 0 and nothing\n%s", code, stderr)
	}
	store := filepath.Join(dir, "store", "store.go")
	src, _ = os.ReadFile(store)
	leak := "\n// Peek opens a file and never closes it.\nfunc Peek(p string) string {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn \"\"\n\t}\n\treturn f.Name()\n}\n"
	if err := os.WriteFile(store, append(src, leak...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, dir, binary, "-baseline=leakvet-baseline.txt", "./...")
	if got := diagnostics(t, dir, stderr); code != 3 || len(got) != 2 || !strings.Contains(got[0], "store/store.go:65: unclosed: f from os.Open is never closed") {
		t.Errorf("with a new leak: exit %d, reports:\n%s\nwant only the new leak", code, strings.Join(got, "\n"))
	}
	stdout, _, code := run(t, dir, binary, "-baseline=leakvet-baseline.txt", "-sarif", "./...")
	var log struct {
		Runs []struct {
			Results []struct{ Message struct{ Text string } }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != 3 || len(log.Runs[0].Results) != 1 {
		t.Errorf("-sarif with the baseline: exit %d, %v, want one result:\n%s", code, err, stdout)
	}
	// -update-baseline takes the new leak in.
	if _, stderr, code := run(t, dir, binary, "-baseline=leakvet-baseline.txt", "-update-baseline", "./..."); code != 0 || !strings.Contains(stderr, "recorded 5 findings") {
		t.Errorf("-update-baseline: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := run(t, dir, binary, "-baseline=leakvet-baseline.txt", "./..."); code != 0 || stderr != "" {
		t.Errorf("after -update-baseline: exit %d\n%s", code, stderr)
	}
}

// Directives that silence nothing are reported under the directives
// analyzer's name standalone and under go vet; the one in use is not.
func TestUnusedDirective(t *testing.T) {
	dir := writeModule(t, map[string]string{"p/p.go": `package p

import "os"

// Fixed since the directive was written.
func Size(path string) (int64, error) {
	//leakvet:ignore unclosed the process exits right after this call
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// Still leaks, on purpose.
func Name(path string) string {
	//leakvet:ignore unclosed the process exits right after this call
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	return f.Name()
}
`})
	want := []string{"p/p.go:7: directives: //leakvet:ignore unclosed silences nothing: unclosed reports nothing on this line or the next; remove the directive"}
	_, stderr, code := run(t, dir, binary, "./...")
	if got := diagnostics(t, dir, stderr); code != 3 || !slices.Equal(got, want) {
		t.Errorf("standalone: exit %d, reports:\n%s\nwant:\n%s", code, strings.Join(got, "\n"), want[0])
	}
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	if got := diagnostics(t, dir, stderr); code == 0 || !slices.Equal(got, want) {
		t.Errorf("go vet: exit %d, reports:\n%s\nwant:\n%s", code, strings.Join(got, "\n"), want[0])
	}
	if _, stderr, code := run(t, dir, binary, "-directives=false", "./..."); code != 0 || stderr != "" {
		t.Errorf("-directives=false: exit %d\n%s", code, stderr)
	}
}

// A file is analysed once per package variant (p, and p [p.test] with the
// tests). A directive in use in one variant only is in use: here main
// alone starts the goroutine in p, where it lives as long as the process,
// but a test starts it in p [p.test], where gocancel reports it. A
// directive that no variant uses is still reported, once.
func TestDirectiveUsedInOneVariant(t *testing.T) {
	const src = `package main

import "time"

func main() { start() }

func start() {
	//leakvet:ignore gocancel runs for the life of the process
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
}

func size(path string) int {
	//leakvet:ignore unclosed written for a leak fixed since
	return len(path)
}
`
	dir := writeModule(t, map[string]string{
		"p.go":      src,
		"p_test.go": "package main\n\nimport \"testing\"\n\nfunc TestStart(t *testing.T) { start() }\n",
	})
	want := []string{"p.go:17: directives: //leakvet:ignore unclosed silences nothing: unclosed reports nothing on this line or the next; remove the directive"}
	for _, args := range [][]string{{"./..."}, {"-test=false", "./..."}} {
		_, stderr, code := run(t, dir, binary, args...)
		got := diagnostics(t, dir, stderr)
		if args[0] == "-test=false" {
			// Without the test variant, the gocancel directive is unused too.
			want = append(want, "p.go:8: directives: //leakvet:ignore gocancel silences nothing: gocancel reports nothing on this line or the next; remove the directive")
			slices.Sort(want)
		}
		if code != 3 || !slices.Equal(got, want) {
			t.Errorf("leakvet %v: exit %d, reports:\n%s\nwant:\n%s", args, code, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
