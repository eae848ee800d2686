package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/leakvet/leakvet/internal/testenv"
)

// runEnv runs the binary standalone in dir with env added to the
// environment, and returns stderr and the exit code.
func runEnv(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stderr.String(), code
}

const tickerLeak = "package p\n\nimport \"time\"\n\nfunc Tick() { t := time.NewTicker(time.Second); <-t.C }\n"

// An exclude added to leakvet.toml takes effect on the next run, which
// the caches (the run's and the units') must not answer from a run
// without it. The module is in a workspace, which the run cache does not
// cover, so the per-unit cache is what is tested.
func TestExcludeEditReachesTheCaches(t *testing.T) {
	dir := writeModule(t, map[string]string{"p/a.go": "package p\n", "p/z.go": tickerLeak})
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.work"), []byte("go 1.22\n\nuse .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := []string{"LEAKVET_CACHE=" + t.TempDir()}
	if out, code := runEnv(t, dir, cache, "./..."); code != 3 || !strings.Contains(out, "z.go:5") {
		t.Fatalf("before the exclude: exit %d\n%s\nwant the ticker of z.go", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "leakvet.toml"), []byte("exclude = [\"p/z.go\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := runEnv(t, dir, cache, "./..."); code != 0 {
		t.Errorf("after excluding p/z.go: exit %d\n%s\nwant nothing reported", code, out)
	}
}

// Build constraints follow the go command's effective settings, not only
// the environment's variables: cgo's default depends on a C compiler
// being found. A file built only with cgo is analysed once cgo is on,
// though the run before it, with cgo off, cached the package.
func TestCacheFollowsCgosDefault(t *testing.T) {
	testenv.NeedsCgo(t)
	if runtime.GOOS == "windows" {
		t.Skip("the PATH without a C compiler is set up for Unix")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	noCC := t.TempDir() // a PATH with go and no C compiler
	if err := os.Symlink(goBin, filepath.Join(noCC, "go")); err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, map[string]string{
		"p/a.go": "package p\n",
		"p/z.go": "//go:build cgo\n\n" + tickerLeak,
	})
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := []string{"LEAKVET_CACHE=" + t.TempDir(), "CGO_ENABLED="}
	if out, code := runEnv(t, dir, append(cache, "PATH="+noCC), "./..."); code != 0 {
		t.Fatalf("without a C compiler: exit %d\n%s\nwant nothing (z.go is not built)", code, out)
	}
	// The same go first on the PATH, and a C compiler after it.
	withCC := "PATH=" + noCC + string(os.PathListSeparator) + os.Getenv("PATH")
	if out, code := runEnv(t, dir, append(cache, withCC), "./..."); code != 3 || !strings.Contains(out, "z.go:7") {
		t.Errorf("with a C compiler: exit %d\n%s\nwant the ticker of z.go", code, out)
	}
}

// An overlay (GOFLAGS=-overlay) replaces files for the go command; the
// run reports what the overlaid file holds.
func TestOverlayIsAnalysed(t *testing.T) {
	dir := writeModule(t, map[string]string{"p/p.go": "package p\n"})
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	over := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(over, []byte(tickerLeak), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay := filepath.Join(t.TempDir(), "overlay.json")
	spec := `{"Replace": {"` + filepath.Join(dir, "p", "p.go") + `": "` + over + `"}}`
	if err := os.WriteFile(overlay, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"LEAKVET_CACHE=off"}
	if out, code := runEnv(t, dir, env, "./..."); code != 0 {
		t.Fatalf("without the overlay: exit %d\n%s\nwant nothing", code, out)
	}
	if out, code := runEnv(t, dir, append(env, "GOFLAGS=-overlay="+overlay), "./..."); code != 3 || !strings.Contains(out, "p.go:5") {
		t.Errorf("with the overlay: exit %d\n%s\nwant the ticker of the overlaid p.go", code, out)
	}
}
