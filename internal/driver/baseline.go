package driver

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A Baseline is a set of findings recorded by an earlier run, so that a
// codebase can adopt leakvet gradually: later runs report only findings
// that are not in it. Findings are matched by FindingKeys, which do not
// change when edits elsewhere only move lines.
type Baseline struct {
	// root is the directory the recorded file names are relative to: the
	// baseline file's own, so that the file works in any checkout.
	root string
	keys map[string]bool
}

// baselineHeader opens every baseline file.
const baselineHeader = `# leakvet baseline: findings recorded by leakvet -baseline=FILE. Later runs
# with -baseline=FILE report only findings that are not listed here.
# Regenerate it with -update-baseline; a finding is matched by its key.
# key	file:line	analyzer	message
`

// keyLen is the length of a key in hex digits: 64 bits, so that a
// codebase would need billions of findings for two to collide.
const keyLen = 16

// ReadBaseline reads the baseline file at path.
func ReadBaseline(path string) (*Baseline, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	defer f.Close()
	b := &Baseline{root: filepath.Dir(abs), keys: make(map[string]bool)}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, _, _ := strings.Cut(line, "\t")
		if _, err := hex.DecodeString(key); err != nil || len(key) != keyLen {
			return nil, fmt.Errorf("%s:%d: not a baseline entry (want a %d-digit hex key, a tab, then the finding)", path, n, keyLen)
		}
		b.keys[key] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading baseline %s: %w", path, err)
	}
	return b, nil
}

// WriteBaseline records findings in a baseline file at path, replacing
// it. File names are recorded relative to the file's directory.
func WriteBaseline(path string, findings []Finding) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	root := filepath.Dir(abs)
	unique := uniqueSorted(findings)
	keys := FindingKeys(root, unique)
	var sb strings.Builder
	sb.WriteString(baselineHeader)
	for i, f := range unique {
		fmt.Fprintf(&sb, "%s\t%s:%d\t%s\t%s\n", keys[i], relativeName(root, f.Pos.Filename), f.Pos.Line, f.Analyzer,
			strings.TrimPrefix(oneLine(f.Message), f.Analyzer+": "))
	}
	if err := os.WriteFile(abs, []byte(sb.String()), 0o644); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// New returns the findings that the baseline does not hold, in their
// order; duplicates of one finding (the same file seen through a package
// and its test variant) stay together. Keys rank identical findings
// within a file, so findings must hold every finding of each file it
// mentions, as an analysis of its package yields them.
func (b *Baseline) New(findings []Finding) []Finding {
	unique := uniqueSorted(findings)
	keys := FindingKeys(b.root, unique)
	fresh := make(map[findingKey]bool)
	for i, f := range unique {
		if !b.keys[keys[i]] {
			fresh[keyOf(f)] = true
		}
	}
	var out []Finding
	for _, f := range findings {
		if fresh[keyOf(f)] {
			out = append(out, f)
		}
	}
	return out
}

// Len is the number of findings the baseline holds.
func (b *Baseline) Len() int { return len(b.keys) }

// lineNumber matches the line numbers messages cite ("returns at line
// 19"), which change when code above them moves.
var lineNumber = regexp.MustCompile(`\bline \d+`)

// FindingKeys returns a key for each finding that identifies it across
// runs and edits that only move lines: a hash of its file relative to
// root, its analyzer, its message with line numbers taken out, and its
// rank among the findings of its file that agree on all of those. The
// keys serve baselines and SARIF's partialFingerprints. findings must be
// sorted by position, without duplicates, and hold every finding of each
// file they mention.
func FindingKeys(root string, findings []Finding) []string {
	rank := make(map[string]int)
	keys := make([]string, len(findings))
	for i, f := range findings {
		base := strings.Join([]string{
			relativeName(root, f.Pos.Filename),
			f.Analyzer,
			lineNumber.ReplaceAllString(f.Message, "line N"),
		}, "\x00")
		rank[base]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", base, rank[base]))
		keys[i] = hex.EncodeToString(sum[:keyLen/2])
	}
	return keys
}

// relativeName is name relative to root, with forward slashes, climbing
// out of root when it must (a baseline kept in .ci/ names ../pkg/x.go);
// name itself when there is no relative path (another volume).
func relativeName(root, name string) string {
	if rel, err := filepath.Rel(root, name); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(name)
}

// useBaseline applies -baseline and -update-baseline to the findings of a
// run, sorted without duplicates. It returns what remains to report, or
// stop when the run ends here: the baseline was written, or could not be
// used.
func useBaseline(opts *options, findings []Finding, failed bool, logf func(string, ...any)) (fresh []Finding, stop bool, code int) {
	_, statErr := os.Stat(opts.baseline)
	missing := errors.Is(statErr, fs.ErrNotExist)
	if missing || opts.rebaseline {
		if failed {
			logf("not writing baseline %s: some packages could not be analysed, and their findings would be missing from it", opts.baseline)
			return nil, true, ExitError
		}
		if err := WriteBaseline(opts.baseline, findings); err != nil {
			logf("%v", err)
			return nil, true, ExitError
		}
		logf("recorded %d findings in baseline %s; runs with -baseline=%s report only new ones", len(findings), opts.baseline, opts.baseline)
		return nil, true, ExitClean
	}
	b, err := ReadBaseline(opts.baseline)
	if err != nil {
		logf("%v", err)
		return nil, true, ExitError
	}
	return b.New(findings), false, 0
}
