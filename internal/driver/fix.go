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

// applyFixes applies the first suggested fix of every diagnostic that has
// one, file by file, skipping fixes whose edits overlap an edit already
// taken. It returns the diagnostics that were not fixed.
func applyFixes(diags []diagnostic, logf func(string, ...any)) []diagnostic {
	type fileEdits struct {
		edits []edit
		diags []int
	}
	files := make(map[string]*fileEdits)
	var remaining []diagnostic
	for i, d := range diags {
		if len(d.SuggestedFixes) == 0 {
			remaining = append(remaining, d)
			continue
		}
		var es []edit
		name := ""
		ok := true
		for _, te := range d.SuggestedFixes[0].TextEdits {
			start, end := d.fset.Position(te.Pos), d.fset.Position(te.End)
			if !te.End.IsValid() {
				end = start
			}
			if name != "" && start.Filename != name {
				ok = false // a fix across files: not ours to apply
			}
			name = start.Filename
			es = append(es, edit{start.Offset, end.Offset, te.NewText})
		}
		if !ok || name == "" {
			remaining = append(remaining, d)
			continue
		}
		fe := files[name]
		if fe == nil {
			fe = &fileEdits{}
			files[name] = fe
		}
		switch {
		case contains(fe.edits, es):
			// The same fix, seen through a package's test variant.
		case overlaps(fe.edits, es):
			remaining = append(remaining, d)
			continue
		default:
			fe.edits = append(fe.edits, es...)
		}
		fe.diags = append(fe.diags, i)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	fixed := 0
	for _, name := range names {
		fe := files[name]
		src, err := os.ReadFile(name)
		if err == nil {
			var out []byte
			out, err = apply(src, fe.edits)
			if err == nil {
				err = os.WriteFile(name, out, 0o644)
			}
		}
		if err != nil {
			logf("applying fixes to %s: %v", name, err)
			for _, i := range fe.diags {
				remaining = append(remaining, diags[i])
			}
			continue
		}
		fixed += len(fe.diags)
	}
	if fixed > 0 {
		logf("applied %d fixes in %d files", fixed, len(names))
	}
	sort.SliceStable(remaining, func(i, j int) bool {
		a, b := remaining[i].posn, remaining[j].posn
		return a.Filename < b.Filename || a.Filename == b.Filename && a.Offset < b.Offset
	})
	return remaining
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
