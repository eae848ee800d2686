package driver

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"sort"
)

type edit struct {
	start, end int
	text       []byte
}

// applyFixes applies the first suggested fix of every finding that has
// one, file by file, skipping fixes whose edits overlap an edit already
// taken. It returns the findings that were not fixed.
func applyFixes(findings []Finding, logf func(string, ...any)) []Finding {
	write := func(name string, _, fixed []byte) error { return os.WriteFile(name, fixed, 0o644) }
	remaining, fixed, files := fixFiles(findings, logf, write)
	if fixed > 0 {
		logf("applied %d fixes in %d files", fixed, files)
	}
	return remaining
}

// fixFiles computes the fixes applyFixes applies and hands each file's
// old and fixed contents to commit. It returns the findings that were not
// fixed, and how many were, in how many files.
func fixFiles(findings []Finding, logf func(string, ...any), commit func(name string, src, fixed []byte) error) (remaining []Finding, fixed, files int) {
	type fileEdits struct {
		edits    []edit
		findings []int
	}
	byFile := make(map[string]*fileEdits)
	for i, f := range findings {
		if len(f.Fixes) == 0 {
			remaining = append(remaining, f)
			continue
		}
		var es []edit
		name := ""
		ok := true
		for _, e := range f.Fixes[0].Edits {
			if name != "" && e.Filename != name {
				ok = false // a fix across files: not ours to apply
			}
			name = e.Filename
			es = append(es, edit{e.Start, e.End, []byte(e.NewText)})
		}
		if !ok || name == "" {
			remaining = append(remaining, f)
			continue
		}
		fe := byFile[name]
		if fe == nil {
			fe = &fileEdits{}
			byFile[name] = fe
		}
		switch {
		case contains(fe.edits, es):
			// The same fix, seen through a package's test variant.
		case overlaps(fe.edits, es):
			remaining = append(remaining, f)
			continue
		default:
			fe.edits = append(fe.edits, es...)
		}
		fe.findings = append(fe.findings, i)
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fe := byFile[name]
		src, err := os.ReadFile(name)
		if err == nil {
			var out []byte
			out, err = apply(src, fe.edits)
			if err == nil {
				err = commit(name, src, out)
			}
		}
		if err != nil {
			logf("applying fixes to %s: %v", name, err)
			for _, i := range fe.findings {
				remaining = append(remaining, findings[i])
			}
			continue
		}
		fixed += len(fe.findings)
		files++
	}
	sortFindings(remaining)
	return remaining, fixed, files
}

// contains reports whether every edit of new is already taken.
func contains(taken, new []edit) bool {
	for _, a := range new {
		found := false
		for _, b := range taken {
			found = found || a.start == b.start && a.end == b.end && bytes.Equal(a.text, b.text)
		}
		if !found {
			return false
		}
	}
	return true
}

// overlaps reports whether an edit of new touches an edit already taken
// (two insertions at one offset count: their order would be arbitrary).
func overlaps(taken, new []edit) bool {
	for _, a := range new {
		for _, b := range taken {
			if a.start < b.end && b.start < a.end || a.start == b.start {
				return true
			}
		}
	}
	return false
}

// apply applies non-overlapping edits to src and formats the result.
func apply(src []byte, edits []edit) ([]byte, error) {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) {
			return nil, fmt.Errorf("edit at offset %d is out of range", e.start)
		}
		out.Write(src[last:e.start])
		out.Write(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return format.Source(out.Bytes())
}
