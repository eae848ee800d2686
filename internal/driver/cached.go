package driver

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/leakvet/leakvet/internal/blankdeps"
	"github.com/leakvet/leakvet/internal/config"
	"github.com/leakvet/leakvet/internal/runcache"
)

// cachedRun is viaBuild behind the run cache: a run whose inputs have
// not changed since a successful run returns that run's findings without
// analysing (the go command is asked only for its settings, which the key
// covers). Only successful runs are kept; the cache is
// best effort, and any failure to use it means a plain run. A cacheable
// run that takes go vet's route keeps its set of blank-only dependencies
// there too, with -fix and when go vet must run anyway.
func cachedRun(ctx context.Context, tool string, opts *options) (*outcome, bool, error) {
	cache, _ := runcache.Open()
	if cache == nil {
		return viaBuild(ctx, tool, opts, blankDepsSets{})
	}
	dir := opts.dir
	if dir == "" {
		dir = "."
	}
	inputs := runInputs(tool, opts)
	key, err := runcache.Key(dir, opts.patterns, inputs...)
	if err != nil {
		return viaBuild(ctx, tool, opts, blankDepsSets{})
	}
	sets := blankDepsSets{cache: cache, inputs: inputs}
	if opts.fix || opts.noRunCache {
		return viaBuild(ctx, tool, opts, sets)
	}
	if data, ok := cache.Get(key); ok {
		var findings []Finding
		if json.Unmarshal(data, &findings) == nil {
			return &outcome{findings: findings, sourceRoot: func() string { return moduleSourceRoot(opts.dir) }}, true, nil
		}
	}
	out, ok, err := viaBuild(ctx, tool, opts, sets)
	if err == nil && ok {
		if data, err := json.Marshal(out.findings); err == nil {
			cache.Put(key, data) // best effort
		}
	}
	return out, ok, err
}

// runInputs are what a run's result depends on besides the module's
// files: the leakvet and go executables, the flags, and the environment
// the go command reads to decide what to build.
func runInputs(tool string, opts *options) []string {
	inputs := []string{"leakvet run cache v2", fileIdentity(tool), "tags=" + opts.tags, "tests=" + strconv.FormatBool(opts.tests)}
	if gocmd, err := exec.LookPath("go"); err == nil {
		inputs = append(inputs, fileIdentity(gocmd))
	}
	inputs = append(inputs, opts.analyzerArgs...)
	// leakvet.toml: its settings are analyzer flags above, but its
	// excludes are not, and they decide what is reported.
	if p, err := config.Find(dirOrDot(opts.dir)); err == nil && p != "" {
		data, _ := os.ReadFile(p)
		inputs = append(inputs, "config "+p+": "+string(data))
	}
	// The go command's effective settings: what the variables below do
	// not say (cgo's default follows a C compiler on the PATH; a go.mod
	// may select another toolchain).
	if v, err := goEnv(context.Background(), opts.dir, withoutEnv(os.Environ(), blankdeps.Env)); err == nil {
		inputs = append(inputs, v.inputs()...)
	}
	// Settings of `go env -w` live in a file of their own.
	if cfg, err := os.UserConfigDir(); err == nil {
		data, _ := os.ReadFile(filepath.Join(cfg, "go", "env"))
		inputs = append(inputs, "go env file: "+string(data))
	}
	for _, name := range []string{
		"GOFLAGS", "GOOS", "GOARCH", "GOARM", "GOAMD64", "GO386", "GOEXPERIMENT", "GOTOOLCHAIN",
		"GO111MODULE", "GOPATH", "GOROOT", "GOMODCACHE", "GOWORK", "GOENV", "GOPROXY", "GOFIPS140",
		"CGO_ENABLED", "CC", "CXX", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "PKG_CONFIG",
	} {
		inputs = append(inputs, name+"="+os.Getenv(name))
	}
	return inputs
}

// fileIdentity names a file's version by its path, size and modification
// time: a rebuilt executable is a new one.
func fileIdentity(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return path
	}
	return fmt.Sprintf("%s %d %d", path, info.Size(), info.ModTime().UnixNano())
}
