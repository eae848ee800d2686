package driver

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/leakvet/leakvet/internal/blankdeps"
	"github.com/leakvet/leakvet/internal/inprocess"
	"github.com/leakvet/leakvet/internal/runcache"
)

// blankDepsSets is where a go vet run finds its set of dependencies
// reached only through blank imports (package blankdeps), which go vet's
// tool answers without facts: kept in the run cache when the run is
// cacheable, so that a run after a body edit does not list the build
// again, and computed every time otherwise.
type blankDepsSets struct {
	cache  *runcache.Cache // nil: compute every time
	inputs []string        // the run's inputs besides the module's files (runInputs)
}

// file writes the set of the run of opts to a temporary file and returns
// its name and a function that removes it. The name is "" when the set is
// empty or could not be computed: go vet's tool then skips nothing.
func (s blankDepsSets) file(ctx context.Context, opts *options) (name string, remove func()) {
	set, ok := s.set(ctx, opts)
	if !ok || len(set) == 0 {
		return "", func() {}
	}
	f, err := os.CreateTemp("", "leakvet-blankdeps-*")
	if err != nil {
		return "", func() {}
	}
	_, werr := f.Write(set)
	if cerr := f.Close(); werr != nil || cerr != nil {
		os.Remove(f.Name())
		return "", func() {}
	}
	return f.Name(), func() { os.Remove(f.Name()) }
}

// set returns the content of the run's set file, from the cache when it
// holds it.
func (s blankDepsSets) set(ctx context.Context, opts *options) ([]byte, bool) {
	key := ""
	if s.cache != nil {
		key, _ = s.key(opts)
	}
	if key != "" {
		if data, ok := s.cache.Get(key); ok {
			return data, true
		}
	}
	g, err := inprocess.List(ctx, inprocess.Listing{Dir: opts.dir, Patterns: opts.patterns, Tags: opts.tags, Env: withoutEnv(os.Environ(), blankdeps.Env)})
	if err != nil {
		return nil, false
	}
	paths, err := g.BlankOnly()
	if err != nil {
		return nil, false
	}
	data := blankdeps.Format(paths)
	if key != "" {
		s.cache.Put(key, data) // best effort
	}
	return data, true
}

// key names the set of the run of opts in the run cache: the run's
// inputs, its directory and patterns, and the import sections of the
// main module's files, which a body edit leaves alone.
func (s blankDepsSets) key(opts *options) (string, error) {
	dir, err := filepath.Abs(dirOrDot(opts.dir))
	if err != nil {
		return "", fmt.Errorf("keying the blank-only dependencies: %w", err)
	}
	digest, err := blankdeps.ImportsDigest(dir)
	if err != nil {
		return "", fmt.Errorf("keying the blank-only dependencies: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "leakvet blank-only dependencies v1\ndir %q\nimports %s\n", dir, digest)
	for _, p := range opts.patterns {
		fmt.Fprintf(h, "pattern %q\n", p)
	}
	for _, in := range s.inputs {
		fmt.Fprintf(h, "input %q\n", in)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
