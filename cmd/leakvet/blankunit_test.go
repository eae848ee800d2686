package main_test

import (
	bin "encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakvet/leakvet/internal/blankdeps"
)

// blankModule: app registers drv by a blank import and uses named by
// name; both dependencies return an owned *os.File, which only their
// facts tell app. drv declares a type of drvlib's, which it imports by
// name.
func blankModule(t *testing.T) string {
	open := "\nimport \"os\"\n\n// Open opens p.\nfunc Open(p string) (*os.File, error) { return os.Open(p) }\n"
	return writeModule(t, map[string]string{
		"app/app.go": `package app

import (
	_ "example.com/m/drv"
	"example.com/m/named"
)

func Size(p string) int64 {
	f, err := named.Open(p)
	if err != nil {
		return 0
	}
	st, _ := f.Stat()
	return st.Size()
}
`,
		"named/named.go":   "package named\n" + open,
		"drv/drv.go":       "package drv\n\nimport (\n\t\"os\"\n\n\t\"example.com/m/drvlib\"\n)\n\n// Open opens p.\nfunc Open(p string) (*os.File, error) { return os.Open(p) }\n\n// Conn is drvlib's.\ntype Conn = drvlib.Conn\n",
		"drvlib/drvlib.go": "package drvlib\n\n// Conn is a connection.\ntype Conn struct{ N int }\n",
	})
}

// vetUnitsOfApp runs go vet with leakvet on ./app of dir, with the set
// file setFile (none if ""), and returns the diagnostics and the facts
// section length of the vetx file of each of app's imports that go vet
// handed the tool. A new compiler flag of no effect makes go vet run the
// tool on app again, which then keeps its unit description.
func vetUnitsOfApp(t *testing.T, dir, setFile string) ([]string, map[string]int) {
	t.Helper()
	keep := t.TempDir()
	nonce := fmt.Sprint(time.Now().UnixNano())
	cmd := []string{"go", "vet", "-vettool=" + binary, "-gcflags=./app=-D=" + nonce, "./app"}
	t.Setenv("LEAKVET_KEEP_UNITS", keep)
	t.Setenv(blankdeps.Env, setFile)
	_, stderr, code := run(t, dir, cmd[0], cmd[1:]...)
	if code == 0 {
		t.Fatalf("go vet found nothing:\n%s", stderr)
	}
	units, _ := filepath.Glob(filepath.Join(keep, "*"))
	var facts map[string]int
	for _, u := range units {
		var cfg struct {
			ImportPath  string
			PackageVetx map[string]string
		}
		data, err := os.ReadFile(u)
		if err != nil || json.Unmarshal(data, &cfg) != nil || cfg.ImportPath != "example.com/m/app" {
			continue
		}
		facts = make(map[string]int)
		for path, vetx := range cfg.PackageVetx {
			facts[path] = factsLen(t, vetx)
		}
	}
	if facts == nil {
		t.Fatalf("go vet ran no unit of app (kept %q)", units)
	}
	return diagnostics(t, dir, stderr), facts
}

// factsLen returns the length of the facts section of a vetx file.
func factsLen(t *testing.T, vetx string) int {
	t.Helper()
	data, err := os.ReadFile(vetx)
	if err != nil || len(data) < 12 || string(data[:4]) != "vetx" {
		t.Fatalf("%s is not a vetx file (%v)", vetx, err)
	}
	return int(bin.LittleEndian.Uint32(data[8:12]))
}

// TestBlankOnlyDependencyWithoutFacts: under go vet with a set naming
// drv, drv's unit carries no facts, named's still does, and the findings
// are those of a run without a set (named's facts make the leak of
// app); standalone leakvet, which computes the set itself, agrees.
func TestBlankOnlyDependencyWithoutFacts(t *testing.T) {
	dir := blankModule(t)
	setFile := filepath.Join(t.TempDir(), "set")
	if err := os.WriteFile(setFile, blankdeps.Format([]string{"example.com/m/drv", "example.com/m/drvlib"}), 0o644); err != nil {
		t.Fatal(err)
	}
	withSet, facts := vetUnitsOfApp(t, dir, setFile)
	if facts["example.com/m/drv"] != 0 {
		t.Errorf("drv, in the set, was answered with %d bytes of facts", facts["example.com/m/drv"])
	}
	if facts["example.com/m/named"] == 0 {
		t.Errorf("named, imported by name, was answered without facts")
	}
	without, facts := vetUnitsOfApp(t, dir, "")
	if facts["example.com/m/drv"] == 0 {
		t.Errorf("without a set, drv was answered without facts")
	}
	leak := func(l string) bool { return strings.HasPrefix(l, "app/app.go:9: unclosed: f from named.Open") }
	if !slices.Equal(withSet, without) || !slices.ContainsFunc(without, leak) {
		t.Errorf("findings with the set:\n%s\nwithout:\n%s\nwant the same, with the leak of app/app.go:9", strings.Join(withSet, "\n"), strings.Join(without, "\n"))
	}
	_, stderr, _ := run(t, dir, binary, "./app")
	if got := diagnostics(t, dir, stderr); !slices.Equal(got, without) {
		t.Errorf("standalone findings:\n%s\nwant those of go vet:\n%s", strings.Join(got, "\n"), strings.Join(without, "\n"))
	}
}

// TestBuildIDFollowsTheSet: go vet caches each unit's answer by the
// tool's -V=full build ID, so runs with a set, with another set and
// without one must never share it.
func TestBuildIDFollowsTheSet(t *testing.T) {
	dir := t.TempDir()
	id := func(set ...string) string {
		t.Helper()
		name := ""
		if set != nil {
			name = filepath.Join(dir, fmt.Sprint(len(set)))
			if err := os.WriteFile(name, blankdeps.Format(set), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Setenv(blankdeps.Env, name)
		stdout, stderr, code := run(t, dir, binary, "-V=full")
		if code != 0 {
			t.Fatalf("-V=full: exit %d\n%s", code, stderr)
		}
		return stdout
	}
	none, one, two := id(), id("example.com/a"), id("example.com/a", "example.com/b")
	if none == one || one == two || none == two {
		t.Errorf("-V=full does not follow the set:\nnone %sone  %stwo  %s", none, one, two)
	}
	if again := id("example.com/a"); again != one {
		t.Errorf("-V=full differs for the same set:\n%s%s", one, again)
	}
}
