package main_test

import (
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// newerToolchain is a Go release newer than the one that builds leakvet
// today, on the module proxy, for a module to select with a toolchain line.
const newerToolchain = "go1.27.0"

// toolchainModule returns a module whose go.mod selects newerToolchain,
// with a leak that any Go reports. It skips the test when that toolchain
// is not newer than the running Go, and when it is not in the module cache
// and LEAKVET_TEST_TOOLCHAIN_DOWNLOAD is unset: a test run must not
// download 70 MB on its own (.ci/run sets it; the cache keeps the download).
func toolchainModule(t *testing.T) string {
	t.Helper()
	if version.Compare(version.Lang(newerToolchain), version.Lang(runtime.Version())) <= 0 {
		t.Skipf("%s is not newer than %s, which builds leakvet", newerToolchain, runtime.Version())
	}
	if os.Getenv("LEAKVET_TEST_TOOLCHAIN_DOWNLOAD") == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			t.Fatal(err)
		}
		zip := filepath.Join(strings.TrimSpace(string(out)), "cache", "download", "golang.org", "toolchain", "@v",
			"v0.0.1-"+newerToolchain+"."+runtime.GOOS+"-"+runtime.GOARCH+".zip")
		if _, err := os.Stat(zip); err != nil {
			t.Skipf("%s is not in the module cache; set LEAKVET_TEST_TOOLCHAIN_DOWNLOAD=1 to let the go command download it", newerToolchain)
		}
	}
	dir := writeModule(t, map[string]string{"p/p.go": "package p\n\nimport \"os\"\n\nfunc Open() {\n\tf, err := os.Open(\"x\")\n\tif err != nil {\n\t\treturn\n\t}\n\t_ = f\n}\n"})
	gomod := "module example.com/m\n\ngo 1.26\n\ntoolchain " + newerToolchain + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A module that selects a newer toolchain, under the default
// GOTOOLCHAIN=auto, gets one line that names both versions and the
// command that rebuilds leakvet, standalone and under go vet and go fix.
func TestNewerToolchainIsOneClearError(t *testing.T) {
	dir := toolchainModule(t)
	t.Setenv("GOTOOLCHAIN", "auto")
	want := "leakvet: the go command here is " + newerToolchain + " (selected by go.mod or GOTOOLCHAIN), newer than " + runtime.Version() +
		", which built leakvet, so leakvet cannot type-check its standard library; rebuild leakvet with " + newerToolchain + ": GOTOOLCHAIN=" + newerToolchain + " go install"

	t.Run("standalone", func(t *testing.T) {
		stdout, stderr, code := run(t, dir, binary, "./...")
		if code != 1 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 || stdout != "" {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and one line starting %q", code, stderr, want)
		}
	})
	for _, route := range [][]string{{"vet", "-vettool=" + binary}, {"fix", "-fixtool=" + binary}} {
		t.Run("go "+route[0], func(t *testing.T) {
			_, stderr, code := run(t, dir, "go", append(route, "./...")...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code == 0 || !strings.HasPrefix(first, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant a first line starting %q", code, stderr, want)
			}
			// The go command adds its own line about the failed tool ID
			// query, but no line per package.
			if n := strings.Count(stderr, "exit status 1"); n > 1 {
				t.Errorf("%d lines say exit status 1:\n%s", n, stderr)
			}
		})
	}
}

// The same module analysed with the local toolchain, which go.mod's go
// line allows, is analysed as usual.
func TestLocalToolchainStillAnalyses(t *testing.T) {
	dir := toolchainModule(t)
	t.Setenv("GOTOOLCHAIN", "local")
	if _, stderr, code := run(t, dir, binary, "./..."); code != 3 || !strings.Contains(stderr, "p.go:6:12: unclosed: ") {
		t.Errorf("standalone: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := run(t, dir, "go", "vet", "-vettool="+binary, "./..."); code == 0 || !strings.Contains(stderr, "p.go:6:12: unclosed: ") || strings.Contains(stderr, "leakvet: the go command here") {
		t.Errorf("go vet: exit %d\n%s", code, stderr)
	}
}
