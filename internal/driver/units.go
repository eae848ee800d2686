package driver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/leakvet/leakvet/internal/runcache"
)

// UnitsEnv is the environment variable through which a run asks the
// leakvet vet tool to keep a copy of the configuration of each unit it
// analyses for diagnostics: it names the directory to copy them to.
const UnitsEnv = "LEAKVET_KEEP_UNITS"

// ErrNoFastPath means that a Request with FastOnly could not be answered
// from the units of an earlier analysis: the package's files were added
// or removed, something outside it changed, or it was never analysed.
var ErrNoFastPath = errors.New("no analysis of the package to build on")

// KeepUnit copies cfgPath, the go command's configuration of one vet
// unit, into the directory $LEAKVET_KEEP_UNITS names, unless the unit is
// analysed only for its facts. The vet tool calls it before analysing. It
// is best effort: a copy that fails only means that the next analysis of
// the package takes the go command's route again.
func KeepUnit(cfgPath string) {
	dir := os.Getenv(UnitsEnv)
	if dir == "" {
		return
	}
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		return
	}
	var u unitView
	var cfg map[string]json.RawMessage
	if json.Unmarshal(data, &u) != nil || json.Unmarshal(data, &cfg) != nil || u.VetxOnly || u.ID == "" {
		return
	}
	// Dependencies built or vetted in this run are read from the go
	// command's work directory (the parent of the unit's), which goes
	// when the run ends: keep copies.
	work := filepath.Dir(filepath.Dir(cfgPath)) + string(filepath.Separator)
	for key, files := range map[string]map[string]string{"PackageFile": u.PackageFile, "PackageVetx": u.PackageVetx} {
		copied := false
		for pkg, f := range files {
			if !strings.HasPrefix(f, work) {
				continue
			}
			sum := sha256.Sum256([]byte(f + "\x00" + u.Dir + "\x00" + u.ID))
			dst := filepath.Join(dir, "dep-"+hex.EncodeToString(sum[:8]))
			if copyFile(f, dst) != nil {
				return
			}
			files[pkg] = dst
			copied = true
		}
		if copied {
			raw, err := json.Marshal(files)
			if err != nil {
				return
			}
			cfg[key] = raw
		}
	}
	if data, err = json.Marshal(cfg); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, "unit-*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), filepath.Join(dir, unitFileName(u.Dir, u.ID))) != nil {
		os.Remove(tmp.Name())
	}
}

// copyFile copies the file src to dst.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// unitView is the part of a unit's configuration the driver reads.
type unitView struct {
	ID          string
	ImportPath  string
	Dir         string
	GoFiles     []string
	VetxOnly    bool
	PackageFile map[string]string // export data of the dependencies, in the go command's cache
	PackageVetx map[string]string // their facts, in the go command's cache
}

// unitFileName names the copy of the unit id of the package in dir.
func unitFileName(dir, id string) string {
	sum := sha256.Sum256([]byte(dir + "\x00" + id))
	return hex.EncodeToString(sum[:8]) + ".cfg"
}

// Units lets a language server re-analyse one package in well under a
// second between saves. A run through the go command leaves, for each
// unit it analysed for diagnostics (a package with its in-package tests,
// its external test package), the configuration go vet gave the tool:
// the package's files, and the export data and facts of its dependencies
// in the go command's cache. A later Request naming Files of that package
// runs the vet tool on those units directly, with the buffers' unsaved
// contents in place of the files, as long as nothing the dependencies are
// built from has changed and the package has the same files. It skips the
// go command's package loading, its compile of the package (which go vet
// needs only to hand export data to the external test package) and every
// unit that does not compile the named files.
//
// A Units is safe for concurrent use; Close removes what it keeps.
type Units struct {
	mu    sync.Mutex
	runs  int                   // runs that kept units, for their nonces
	dir   string                // where the vet tool copies configurations; "" until needed
	byDir map[string]unitsState // by package directory
}

// unitsState is what held when the units of a directory were kept.
type unitsState struct {
	outside string            // runcache.KeyOutside of the directory and the run's inputs
	names   []string          // the directory's Go files
	sums    map[string]string // their content's hashes, by name
}

// NewUnits returns an empty Units.
func NewUnits() *Units { return &Units{byDir: make(map[string]unitsState)} }

// Close removes the kept configurations.
func (u *Units) Close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.dir == "" {
		return nil
	}
	err := os.RemoveAll(u.dir)
	u.dir = ""
	u.byDir = make(map[string]unitsState)
	return err
}

// keepDir returns the directory of kept configurations, created on first use.
func (u *Units) keepDir() (string, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.dir == "" {
		dir, err := os.MkdirTemp("", "leakvet-units-")
		if err != nil {
			return "", fmt.Errorf("keeping analysis units: %w", err)
		}
		u.dir = dir
	}
	return u.dir, nil
}

// prepare readies a run through the go command on the package in
// opts.dir to keep its units: it forgets the ones kept before (go vet
// does not run the tool on a unit whose result it has cached, and a copy
// from an older state must not survive) and returns the directory for
// UnitsEnv, a nonce that keeps go vet from answering the package's
// units from its cache, and a function that records the state once the
// run succeeded. It returns "" when the package's inputs cannot be keyed.
func (u *Units) prepare(opts *options) (keep, nonce string, record func()) {
	dir, err := filepath.Abs(dirOrDot(opts.dir))
	if err != nil {
		return "", "", nil
	}
	outside, err := runcache.KeyOutside(dir, runInputs(opts.vetTool, opts)...)
	if err != nil {
		return "", "", nil
	}
	names, err := goFileNames(dir)
	if err != nil {
		return "", "", nil
	}
	sums := make(map[string]string, len(names))
	for _, name := range names {
		if sums[name], err = fileSum(filepath.Join(dir, name)); err != nil {
			return "", "", nil
		}
	}
	keep, err = u.keepDir()
	if err != nil {
		return "", "", nil
	}
	u.mu.Lock()
	delete(u.byDir, dir)
	u.runs++
	nonce = filepath.Join(keep, "run", strconv.Itoa(u.runs))
	u.mu.Unlock()
	for path, view := range keptUnits(keep) {
		if filepath.Clean(view.Dir) != dir {
			continue
		}
		os.Remove(path)
		for _, files := range []map[string]string{view.PackageFile, view.PackageVetx} {
			for _, f := range files {
				if strings.HasPrefix(f, keep+string(filepath.Separator)) {
					os.Remove(f)
				}
			}
		}
	}
	return keep, nonce, func() {
		u.mu.Lock()
		defer u.mu.Unlock()
		u.byDir[dir] = unitsState{outside: outside, names: names, sums: sums}
	}
}

// analyse analyses the kept units of the package in opts.dir that
// compile any of files, reading overlay's contents in place of those
// files. It returns ErrNoFastPath when the kept units cannot stand for a
// run through the go command.
func (u *Units) analyse(ctx context.Context, opts *options, files []string, overlay map[string][]byte) (*outcome, error) {
	dir, err := filepath.Abs(dirOrDot(opts.dir))
	if err != nil {
		return nil, ErrNoFastPath
	}
	u.mu.Lock()
	state, ok := u.byDir[dir]
	keep := u.dir
	u.mu.Unlock()
	if !ok || keep == "" {
		return nil, ErrNoFastPath
	}
	if names, err := goFileNames(dir); err != nil || !slices.Equal(names, state.names) {
		return nil, ErrNoFastPath
	}
	if outside, err := runcache.KeyOutside(dir, runInputs(opts.vetTool, opts)...); err != nil || outside != state.outside {
		return nil, ErrNoFastPath
	}
	views := keptUnits(keep)
	var units []string
	for path, view := range views {
		if filepath.Clean(view.Dir) != dir {
			continue
		}
		if slices.ContainsFunc(view.GoFiles, func(f string) bool { return slices.Contains(files, filepath.Clean(f)) }) {
			units = append(units, path)
		}
	}
	if len(units) == 0 {
		return nil, ErrNoFastPath
	}
	slices.Sort(units)
	for _, unit := range units {
		if !state.importsCurrent(dir, views[unit]) {
			return nil, ErrNoFastPath
		}
	}
	out := &outcome{sourceRoot: func() string { return moduleSourceRoot(opts.dir) }}
	for _, unit := range units {
		findings, errs, err := runUnit(ctx, opts, keep, unit, overlay)
		if err != nil {
			return nil, err
		}
		out.findings = append(out.findings, findings...)
		out.errors = append(out.errors, errs...)
		for _, f := range views[unit].GoFiles {
			if f = filepath.Clean(f); !slices.Contains(out.files, f) {
				out.files = append(out.files, f)
			}
		}
	}
	slices.Sort(out.files)
	out.failed = len(out.errors) > 0
	return out, nil
}

// importsCurrent reports whether the export data that unit imports from
// its own directory is still current. Only an external test package (its
// path ends in _test) imports the package of its directory, whose export
// data go vet compiled when the units were kept: the directory's other
// files must be as they were then.
func (st unitsState) importsCurrent(dir string, unit unitView) bool {
	if !strings.HasSuffix(unit.ImportPath, "_test") {
		return true
	}
	for name, sum := range st.sums {
		if slices.ContainsFunc(unit.GoFiles, func(f string) bool { return filepath.Clean(f) == filepath.Join(dir, name) }) {
			continue
		}
		if now, err := fileSum(filepath.Join(dir, name)); err != nil || now != sum {
			return false
		}
	}
	return true
}

// fileSum is the hash of a file's content.
func fileSum(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// runUnit runs the vet tool on the kept unit cfgPath, with overlay's
// contents in place of its files, and returns its findings, or the
// errors of a package that does not compile.
func runUnit(ctx context.Context, opts *options, keep, cfgPath string, overlay map[string][]byte) ([]Finding, []string, error) {
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		return nil, nil, ErrNoFastPath
	}
	var cfg map[string]json.RawMessage
	var view unitView
	if json.Unmarshal(data, &cfg) != nil || json.Unmarshal(data, &view) != nil {
		return nil, nil, ErrNoFastPath
	}
	// The dependencies' export data and facts must still be in the go
	// command's cache, which trims what it has not used for days.
	for _, files := range []map[string]string{view.PackageFile, view.PackageVetx} {
		for _, f := range files {
			if _, err := os.Stat(f); err != nil {
				return nil, nil, ErrNoFastPath
			}
		}
	}
	work, err := os.MkdirTemp(keep, "run-")
	if err != nil {
		return nil, nil, fmt.Errorf("analysing %s: %w", view.ID, err)
	}
	defer os.RemoveAll(work)
	// An unsaved buffer is analysed as a file of the same name in a
	// directory of its own; positions in it are mapped back after.
	real := make(map[string]string) // overlay file -> the file it stands for
	goFiles := slices.Clone(view.GoFiles)
	for i, f := range goFiles {
		content, ok := overlay[filepath.Clean(f)]
		if !ok {
			if _, err := os.Stat(f); err != nil {
				return nil, nil, ErrNoFastPath // a file go vet generated (cgo), gone with its work directory
			}
			continue
		}
		sub := filepath.Join(work, strconv.Itoa(i))
		if err := os.Mkdir(sub, 0o755); err != nil {
			return nil, nil, fmt.Errorf("analysing %s: %w", view.ID, err)
		}
		goFiles[i] = filepath.Join(sub, filepath.Base(f))
		if err := os.WriteFile(goFiles[i], content, 0o644); err != nil {
			return nil, nil, fmt.Errorf("analysing %s: %w", view.ID, err)
		}
		real[goFiles[i]] = filepath.Clean(f)
	}
	set := func(key string, v any) {
		raw, _ := json.Marshal(v)
		cfg[key] = raw
	}
	set("GoFiles", goFiles)
	set("VetxOnly", false)
	set("VetxOutput", filepath.Join(work, "vet.out"))
	delete(cfg, "Stdout")
	delete(cfg, "FixArchive")
	unitCfg := filepath.Join(work, "unit.cfg")
	raw, err := json.Marshal(cfg)
	if err == nil {
		err = os.WriteFile(unitCfg, raw, 0o644)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("analysing %s: %w", view.ID, err)
	}

	args := append(append([]string{"-json"}, opts.analyzerArgs...), unitCfg)
	cmd := exec.CommandContext(ctx, opts.vetTool, args...)
	cmd.Dir = view.Dir
	cmd.Env = withoutEnv(os.Environ(), UnitsEnv)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	unmap := func(s string) string {
		for tmp, f := range real {
			s = strings.ReplaceAll(s, tmp, f)
		}
		return s
	}
	if runErr != nil {
		msg := strings.TrimSpace(stderr.String())
		ownError := slices.ContainsFunc(goFiles, func(f string) bool { return strings.HasPrefix(msg, f+":") })
		if !ownError || strings.Contains(msg, "could not import") {
			// A new import, or a failure that is not an error in the
			// package's own files: the go command's route knows more.
			return nil, nil, ErrNoFastPath
		}
		var errs []string
		for _, line := range strings.Split(unmap(msg), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				errs = append(errs, line)
			}
		}
		return nil, errs, nil
	}
	findings, err := decodeVetJSON(&stdout)
	if err != nil {
		return nil, nil, ErrNoFastPath
	}
	for i := range findings {
		mapFinding(&findings[i], real)
	}
	return findings, nil, nil
}

// mapFinding renames the overlay files in f's positions and edits to the
// files they stand for.
func mapFinding(f *Finding, real map[string]string) {
	if len(real) == 0 {
		return
	}
	rename := func(name *string) {
		if r, ok := real[filepath.Clean(*name)]; ok {
			*name = r
		}
	}
	rename(&f.Pos.Filename)
	rename(&f.End.Filename)
	for i := range f.Related {
		rename(&f.Related[i].Pos.Filename)
		rename(&f.Related[i].End.Filename)
	}
	for i := range f.Fixes {
		for j := range f.Fixes[i].Edits {
			rename(&f.Fixes[i].Edits[j].Filename)
		}
	}
}

// keptUnits reads the configurations kept in dir, by file.
func keptUnits(dir string) map[string]unitView {
	entries, _ := os.ReadDir(dir)
	out := make(map[string]unitView)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".cfg") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var view unitView
		if json.Unmarshal(data, &view) == nil {
			out[path] = view
		}
	}
	return out
}

// goFileNames lists the Go files of dir, sorted.
func goFileNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// withoutEnv returns env without the variable name.
func withoutEnv(env []string, name string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return strings.HasPrefix(kv, name+"=") })
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}
