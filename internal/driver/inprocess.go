package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"

	"github.com/leakvet/leakvet/internal/blankdeps"
	"github.com/leakvet/leakvet/internal/config"
	"github.com/leakvet/leakvet/internal/inprocess"
	"github.com/leakvet/leakvet/internal/lifecycle"
	"github.com/leakvet/leakvet/internal/runcache"
	"github.com/leakvet/leakvet/internal/toolchain"
)

// RouteEnv names the environment variable that picks a run's route when
// it is "govet" (every unit through go vet) or "inprocess" (no go vet
// fallback: an error of the in-process route is the run's). Unset, a run
// analyses in process and falls back to go vet. The bench and the tests
// compare the routes with it.
const RouteEnv = "LEAKVET_ROUTE"

// viaBuild analyses the packages of opts: in process when it can (one
// process, each package's types read once, per-unit results cached),
// through go vet otherwise. The language server's runs, which keep go
// vet's units, always take go vet's route.
func viaBuild(ctx context.Context, tool string, opts *options, sets blankDepsSets) (*outcome, bool, error) {
	route := os.Getenv(RouteEnv)
	// go vet cannot leave test files out, and a CPU profile is of this
	// process: those runs have no go vet route.
	govet := opts.tests && opts.cpuProfile == ""
	if govet && (opts.keepUnits != "" || route == "govet") {
		return viaGoVet(ctx, tool, opts, sets)
	}
	out, err := viaInProcess(ctx, tool, opts)
	if err == nil {
		return out, true, nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, false, ctxErr
	}
	if route == "inprocess" {
		return nil, false, err
	}
	if !govet {
		return nil, false, nil // the whole-build driver words the errors
	}
	return viaGoVet(ctx, tool, opts, sets)
}

// inProcessMemoryLimit is the soft memory limit of an in-process run,
// unless GOMEMLIMIT sets one. The live heap is the types of the build
// and the two or so units being analysed: 200 to 400 MB on the bench's
// largest modules, which the default GOGC lets grow to twice that. The
// limit only makes the collector work harder when a build would go past
// it, so that the whole process stays under 1 GB.
const inProcessMemoryLimit = 900 << 20

// viaInProcess lists the build of opts with go list and analyses it with
// package inprocess, as go vet would analyse it (the same units, the
// same facts), behind the per-unit cache.
func viaInProcess(ctx context.Context, tool string, opts *options) (*outcome, error) {
	if lifecycle.HasExtensions() {
		return nil, errors.New("list flags are checked per unit: go vet's route")
	}
	env := withoutEnv(os.Environ(), blankdeps.Env)
	goEnv, err := goEnv(ctx, opts.dir, env)
	if err != nil {
		return nil, err
	}
	if err := toolchain.CheckRunning(goEnv.GOVERSION); err != nil {
		return nil, err // go vet's route words it for the user
	}
	if strings.Contains(goEnv.GOFLAGS, "-overlay") {
		// go vet reads the overlaid files; this route reads the disk.
		return nil, errors.New("an overlay is go vet's route")
	}
	g, err := inprocess.List(ctx, inprocess.Listing{Dir: opts.dir, Patterns: opts.patterns, Tags: opts.tags, Env: env, NoTests: !opts.tests})
	if err != nil {
		return nil, err
	}
	if err := oneConfig(opts.dir, g.Roots()); err != nil {
		return nil, err
	}
	cfg := inprocess.Config{
		Analyzers: opts.analyzers,
		Salt:      strings.Join(runInputs(tool, opts), "\n"),
		GoVersion: goEnv.GOVERSION,
		GOARCH:    goEnv.GOARCH,
		Findings: func(fset *token.FileSet, pkg string, diags []inprocess.Diagnostic) ([]byte, error) {
			findings := make([]Finding, 0, len(diags))
			for _, d := range diags {
				findings = append(findings, vetShaped(resolve(fset, pkg, d.Analyzer, d.Diagnostic)))
			}
			return json.Marshal(findings)
		},
		Immutable: func(name string) bool { return inprocess.InDir(name, goEnv.GOMODCACHE) },
	}
	if cache, _ := runcache.OpenUnits(); cache != nil {
		cfg.Cache = cache
		defer cache.Trim()
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(inProcessMemoryLimit))
	}
	res, err := inprocess.Run(ctx, g, cfg)
	if err != nil {
		return nil, err
	}
	out := &outcome{sourceRoot: func() string { return moduleSourceRoot(opts.dir) }}
	for i, data := range res.Findings {
		var findings []Finding
		if err := json.Unmarshal(data, &findings); err != nil {
			return nil, fmt.Errorf("decoding the findings of %s: %w", res.Roots[i].ID, err)
		}
		out.findings = append(out.findings, findings...)
	}
	return out, nil
}

// goVars are the go command's settings the in-process route reads: its
// version, the module cache, whose files never change (a cache key may
// name them by path alone), and the effective settings that decide what
// it builds, which the variables of the environment alone do not say (a
// toolchain go.mod selects, `go env -w`, cgo's default, which depends on
// a C compiler being found).
type goVars struct {
	GOVERSION, GOMODCACHE, GOROOT, GOOS, GOARCH, CGO_ENABLED, GOFLAGS, GOEXPERIMENT string
	GOAMD64, GOARM, GOARM64, GO386, GOPPC64, GORISCV64, GOWASM                      string
}

// goEnvNames are the names of goVars' fields.
var goEnvNames = []string{
	"GOVERSION", "GOMODCACHE", "GOROOT", "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT",
	"GOAMD64", "GOARM", "GOARM64", "GO386", "GOPPC64", "GORISCV64", "GOWASM",
}

// inputs returns the settings as inputs of cache keys.
func (v *goVars) inputs() []string {
	return []string{"go env: " + strings.Join([]string{
		v.GOVERSION, v.GOMODCACHE, v.GOROOT, v.GOOS, v.GOARCH, v.CGO_ENABLED, v.GOFLAGS, v.GOEXPERIMENT,
		v.GOAMD64, v.GOARM, v.GOARM64, v.GO386, v.GOPPC64, v.GORISCV64, v.GOWASM,
	}, "\x00")}
}

// goEnv asks the go command for its settings in dir.
func goEnv(ctx context.Context, dir string, env []string) (*goVars, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{"env", "-json"}, goEnvNames...)...)
	cmd.Dir = dir
	cmd.Env = env
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("asking the go command for its settings: %w", err)
	}
	v := new(goVars)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, fmt.Errorf("decoding go env: %w", err)
	}
	return v, nil
}

// vetShaped returns f as go vet's JSON output gives it, so that a finding
// is the same value on either route (the run cache, baselines and the
// language server compare them): positions without byte offsets, and no
// end where the range is empty.
func vetShaped(f Finding) Finding {
	f.Pos, f.End = vetRange(f.Pos, f.End)
	related := make([]Related, len(f.Related))
	for i, r := range f.Related {
		r.Pos, r.End = vetRange(r.Pos, r.End)
		related[i] = r
	}
	if f.Related != nil {
		f.Related = related
	}
	return f
}

func vetRange(start, end token.Position) (token.Position, token.Position) {
	start.Offset, end.Offset = 0, 0
	if end == start {
		end = token.Position{}
	}
	return start, end
}

// oneConfig returns an error when the packages to analyse belong to
// modules with leakvet.toml files other than the one of dir's module,
// which the run read (withConfig): go vet's tool reads each unit's own,
// and this route reads one.
func oneConfig(dir string, roots []*inprocess.Unit) error {
	want, err := config.Find(dirOrDot(dir))
	if err != nil {
		return err
	}
	seen := make(map[string]bool)
	for _, u := range roots {
		if u.Module == nil || u.Module.Dir == "" || seen[u.Module.Dir] {
			continue
		}
		seen[u.Module.Dir] = true
		got, err := config.Find(u.Module.Dir)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("module %s has a configuration of its own: go vet's route", u.Module.Path)
		}
	}
	return nil
}
