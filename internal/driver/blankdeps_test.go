package driver

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// recordingTool writes a vet tool that answers go vet's queries, writes
// empty vetx files and copies the set file its environment names (or
// "none") to record: what viaGoVet handed go vet.
func recordingTool(t *testing.T, record string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the recording tool is a shell script")
	}
	tool := filepath.Join(t.TempDir(), "tool")
	script := `#!/bin/sh
case "$1" in
-V=full) echo "tool version devel comments-go-here buildID=$(cat "${` + blankdeps.Env + `:-/dev/null}" | cksum | tr ' ' -)"; exit 0;;
-flags) echo '[{"Name":"json","Bool":true,"Usage":""}]'; exit 0;;
esac
for cfg; do :; done
out=$(sed -n 's/.*"VetxOutput": *"\([^"]*\)".*/\1/p' "$cfg")
[ -n "$out" ] && : > "$out"
if [ -n "$` + blankdeps.Env + `" ]; then cp "$` + blankdeps.Env + `" "` + record + `"; else echo none > "` + record + `"; fi
`
	if err := os.WriteFile(tool, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return tool
}

// TestBlankDepsHandedToGoVet: a go vet run hands its tool the set of
// blank-only dependencies; after a body edit the set comes from the run
// cache (a planted entry proves go list did not run), and after an import
// edit it is computed again (here: empty, so no set at all).
func TestBlankDepsHandedToGoVet(t *testing.T) {
	t.Setenv("LEAKVET_CACHE", t.TempDir())
	t.Setenv("GOFLAGS", "")
	t.Setenv(RouteEnv, "govet")
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":     "module example.com/m\n\ngo 1.22\n",
		"app/app.go": "package app\n\nimport _ \"example.com/m/drv\"\n\nfunc F() {}\n",
		"drv/drv.go": "package drv\n\nimport _ \"example.com/m/lib\"\n",
		"lib/lib.go": "package lib\n",
	}
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	record := filepath.Join(t.TempDir(), "record")
	tool := recordingTool(t, record)
	opts := &options{dir: dir, patterns: []string{"./app"}, tests: true}
	handed := func() string {
		t.Helper()
		os.Remove(record)
		if _, _, err := cachedRun(context.Background(), tool, opts); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(record)
		if err != nil {
			t.Fatalf("go vet did not run the tool: %v", err)
		}
		return string(data)
	}
	if got, want := handed(), "example.com/m/drv\nexample.com/m/lib\n"; got != want {
		t.Fatalf("set handed to go vet: %q, want %q", got, want)
	}
	// Plant another set under the cached one's key.
	key, err := blankDepsSets{inputs: runInputs(tool, opts)}.key(opts)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(os.Getenv("LEAKVET_CACHE"), key), "example.com/m/planted\n")
	writeFile(t, filepath.Join(dir, "app", "app.go"), files["app/app.go"]+"\n// touched\n")
	if got := handed(); got != "example.com/m/planted\n" {
		t.Errorf("after a body edit the set was not taken from the cache: %q", got)
	}
	writeFile(t, filepath.Join(dir, "app", "app.go"), strings.Replace(files["app/app.go"], "_ ", "drv ", 1)+"\nvar _ = drv.X\n")
	writeFile(t, filepath.Join(dir, "drv", "drv.go"), "package drv\n\nimport \"example.com/m/lib\"\n\nvar X = lib.Y\n")
	writeFile(t, filepath.Join(dir, "lib", "lib.go"), "package lib\n\nvar Y = 1\n")
	if got := handed(); got != "none\n" {
		t.Errorf("after the imports became named the set is %q, want none", got)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
