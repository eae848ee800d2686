package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
)

// Excludes are the file's path excludes: findings in a file they match are
// hidden. Facts still flow from excluded code, so a helper there that
// closes what it is given still counts.
//
// A pattern with a slash ("internal/legacy", "gen/*.pb.go") is matched,
// as path.Match does, against the path of the file relative to the
// configuration file's directory and against each directory above it, so
// a directory excludes everything under it. A pattern without a slash
// ("*_mock.go", "testdata") is matched against each element of that path.
type Excludes struct {
	root     string // the configuration file's directory
	patterns []excludePattern
}

type excludePattern struct {
	text string
	line int
}

func (x *Excludes) add(p string, line int) error {
	clean := path.Clean(strings.TrimPrefix(p, "./"))
	if p == "" || path.IsAbs(p) || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("%q: want a path relative to the module root", p)
	}
	if _, err := path.Match(clean, ""); err != nil {
		return fmt.Errorf("%q: %v", p, err)
	}
	x.patterns = append(x.patterns, excludePattern{text: clean, line: line})
	return nil
}

// Empty reports whether there are no excludes.
func (x *Excludes) Empty() bool { return x == nil || len(x.patterns) == 0 }

// Match reports whether filename, an absolute path or one relative to the
// working directory, is excluded.
func (x *Excludes) Match(filename string) bool {
	if x.Empty() {
		return false
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(x.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	_, ok := x.match(filepath.ToSlash(rel))
	return ok
}

// match returns the pattern that excludes rel, a slash path relative to
// the root.
func (x *Excludes) match(rel string) (excludePattern, bool) {
	for _, p := range x.patterns {
		if p.matches(rel) {
			return p, true
		}
	}
	return excludePattern{}, false
}

// matches reports whether the pattern excludes rel.
func (p excludePattern) matches(rel string) bool {
	elems := strings.Split(rel, "/")
	if !strings.Contains(p.text, "/") {
		for _, e := range elems {
			if ok, _ := path.Match(p.text, e); ok {
				return true
			}
		}
		return false
	}
	for i := len(elems); i > 0; i-- {
		if ok, _ := path.Match(p.text, strings.Join(elems[:i], "/")); ok {
			return true
		}
	}
	return false
}

// errStop ends the walk once every pattern has matched.
var errStop = errors.New("stop")

// CheckMatches walks the module tree and returns an error, naming the file
// and line, for the first pattern that matches no file or directory: a
// misspelt exclude would otherwise hide nothing without a word. Hidden
// directories (.git) are not walked.
func (x *Excludes) CheckMatches(configPath string) error {
	if x.Empty() {
		return nil
	}
	matched := make(map[string]bool)
	err := filepath.WalkDir(x.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: nothing to match there
		}
		if p == x.root {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		rel, err := filepath.Rel(x.root, p)
		if err != nil {
			return nil
		}
		for _, pat := range x.patterns {
			if !matched[pat.text] && pat.matches(filepath.ToSlash(rel)) {
				matched[pat.text] = true
			}
		}
		if len(matched) == len(x.patterns) {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return fmt.Errorf("checking the excludes of %s: %w", configPath, err)
	}
	for _, p := range x.patterns {
		if !matched[p.text] {
			return fmt.Errorf("%s:%d: exclude %q matches no file or directory", configPath, p.line, p.text)
		}
	}
	return nil
}
