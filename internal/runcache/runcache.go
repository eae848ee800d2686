// Package runcache remembers the result of a whole analysis run, keyed on
// the content of everything the run read, so that a re-run with nothing
// changed answers without listing or analysing anything.
//
// A key covers the caller's own inputs (executable, flags, environment)
// and the content of every source file of the main module. Runs whose
// inputs reach outside what a key can cover (a workspace, a replace
// directive to a local directory) are not cached: Key reports them as
// uncacheable.
package runcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ErrUncacheable means the run reads inputs a key cannot cover.
var ErrUncacheable = errors.New("run cannot be cached")

// maxEntries bounds the number of results kept; the oldest go first.
const maxEntries = 256

// A Cache is a directory of results.
type Cache struct {
	dir string
	max int // entries kept; the oldest go first
	// trimLater leaves trimming to Trim, for a cache written many times a
	// run.
	trimLater bool
}

// maxUnitEntries bounds the per-unit results OpenUnits keeps: the units
// of a few large modules.
const maxUnitEntries = 20000

// Open returns the cache in $LEAKVET_CACHE, or in leakvet/runs under the
// user's cache directory. LEAKVET_CACHE=off disables it (nil, nil).
func Open() (*Cache, error) {
	dir := os.Getenv("LEAKVET_CACHE")
	switch dir {
	case "off":
		return nil, nil
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("locating the cache: %w", err)
		}
		dir = filepath.Join(base, "leakvet", "runs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the cache: %w", err)
	}
	return &Cache{dir: dir, max: maxEntries}, nil
}

// OpenUnits returns the cache of per-unit results beside the run cache
// Open returns (in its units subdirectory), or nil, nil when that is off.
// It is trimmed only by Trim.
func OpenUnits() (*Cache, error) {
	runs, err := Open()
	if runs == nil {
		return nil, err
	}
	dir := filepath.Join(runs.dir, "units")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the cache: %w", err)
	}
	return &Cache{dir: dir, max: maxUnitEntries, trimLater: true}, nil
}

// Trim removes the least recently used entries beyond the cache's bound.
func (c *Cache) Trim() { c.trim() }

// Get returns the result stored under key.
func (c *Cache) Get(key string) ([]byte, bool) {
	data, err := os.ReadFile(filepath.Join(c.dir, key))
	if err != nil {
		return nil, false
	}
	now := time.Now()
	os.Chtimes(filepath.Join(c.dir, key), now, now) // recently used: kept longer
	return data, true
}

// Put stores data under key, atomically, and trims the cache.
func (c *Cache) Put(key string, data []byte) error {
	tmp, err := os.CreateTemp(c.dir, "tmp-*")
	if err != nil {
		return fmt.Errorf("writing the cache: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(c.dir, key)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the cache: %w", err)
	}
	if !c.trimLater {
		c.trim()
	}
	return nil
}

// trim removes the least recently used entries beyond maxEntries.
func (c *Cache) trim() {
	entries, err := os.ReadDir(c.dir)
	if err != nil || len(entries) <= c.max {
		return
	}
	type aged struct {
		name string
		mod  time.Time
	}
	var all []aged
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if info, err := e.Info(); err == nil {
			all = append(all, aged{e.Name(), info.ModTime()})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].mod.Before(all[j].mod) })
	for _, a := range all[:max(0, len(all)-c.max)] {
		os.Remove(filepath.Join(c.dir, a.name))
	}
}

// sourceExts are the files of a module that can change what the go
// command builds and vets.
var sourceExts = map[string]bool{".go": true, ".s": true, ".c": true, ".h": true, ".cc": true, ".cpp": true, ".hh": true, ".m": true, ".syso": true}

// Key returns the key of a run on patterns in dir: the hash of extra (the
// caller's own inputs) and of the content of the main module's go.mod,
// go.sum and source files. It returns ErrUncacheable when the patterns
// are not all directories inside the main module (./..., ./x, .), a
// go.work file is in effect or go.mod replaces a module by a local
// directory: files the key would not cover.
func Key(dir string, patterns []string, extra ...string) (string, error) {
	return hashKey(dir, patterns, "", extra)
}

// KeyOutside is the Key of the pattern "." in dir without the files
// directly in dir: it changes when anything the package in dir can import
// from the main module changes (or go.mod, go.sum, the extra inputs), and
// not when the package's own files do.
func KeyOutside(dir string, extra ...string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return hashKey(abs, []string{"."}, abs, extra)
}

// hashKey is Key, leaving out the files directly in skip unless it is "".
func hashKey(dir string, patterns []string, skip string, extra []string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	root, err := ModuleRoot(dir)
	if err != nil {
		return "", err
	}
	for _, p := range patterns {
		if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && p != "." && p != ".." {
			return "", ErrUncacheable
		}
		rel, err := filepath.Rel(root, filepath.Join(dir, p))
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return "", ErrUncacheable
		}
	}
	if os.Getenv("GOWORK") != "off" && (os.Getenv("GOWORK") != "" || findUp(root, "go.work") != "") {
		return "", ErrUncacheable
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	if replacesLocally(gomod) {
		return "", ErrUncacheable
	}
	h := sha256.New()
	fmt.Fprintf(h, "dir %q\nroot %q\n", dir, root)
	for _, p := range patterns {
		fmt.Fprintf(h, "pattern %q\n", p)
	}
	for _, e := range extra {
		fmt.Fprintf(h, "extra %q\n", e)
	}
	err = WalkModule(root, func(path string, d fs.DirEntry) error {
		name := d.Name()
		if !sourceExts[filepath.Ext(name)] && name != "go.mod" && name != "go.sum" && name != "modules.txt" {
			return nil
		}
		if skip != "" && filepath.Dir(path) == skip && name != "go.mod" && name != "go.sum" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "file %q %x\n", path, sum)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing the module's files: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WalkModule calls visit for every regular file (or symbolic link) of
// the module rooted at root that the go command may read: it skips the
// directories the go command ignores (dot, underscore, testdata) and
// nested modules.
func WalkModule(root string, visit func(path string, d fs.DirEntry) error) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == root {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		return visit(path, d)
	})
}

// ModuleRoot returns the directory of the go.mod around dir, absolute;
// ErrUncacheable when there is none (no key can cover such a run).
func ModuleRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("locating the module: %w", err)
	}
	if gomod := findUp(abs, "go.mod"); gomod != "" {
		return filepath.Dir(gomod), nil
	}
	return "", ErrUncacheable
}

// findUp returns the path of name in dir or the closest directory above
// it that has one, or "".
func findUp(dir, name string) string {
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// replacesLocally reports whether go.mod replaces a module by a directory
// (a path starting with ./, ../ or /).
func replacesLocally(gomod []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	inBlock := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "replace (":
			inBlock = true
			continue
		case inBlock && line == ")":
			inBlock = false
			continue
		case !inBlock && !strings.HasPrefix(line, "replace "):
			continue
		}
		_, target, ok := strings.Cut(line, "=>")
		if !ok {
			continue
		}
		target = strings.Trim(strings.TrimSpace(target), `"`)
		if strings.HasPrefix(target, "./") || strings.HasPrefix(target, "../") || strings.HasPrefix(target, "/") || filepath.IsAbs(target) {
			return true
		}
	}
	return false
}
