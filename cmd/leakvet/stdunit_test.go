package main

import (
	"bytes"
	"encoding/json"
	"go/build"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/gcexportdata"
)

// writeUnit writes go vet's description of unicode/utf8 (a standard
// package without imports), changed by edit, and returns its path and
// the vetx file it names.
func writeUnit(t *testing.T, edit func(*unitConfig)) (string, string) {
	t.Helper()
	dir := t.TempDir()
	pkg, err := build.Import("unicode/utf8", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	cfg := unitConfig{ImportPath: "unicode/utf8", GoVersion: "go1.26", VetxOnly: true, VetxOutput: filepath.Join(dir, "vet.out")}
	for _, f := range pkg.GoFiles {
		cfg.GoFiles = append(cfg.GoFiles, filepath.Join(pkg.Dir, f))
	}
	edit(&cfg)
	data, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "vet.cfg")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file, cfg.VetxOutput
}

// A standard package analysed for facts only is answered without the
// analyzers: its vetx file carries its API, which importers read, and no
// facts.
func TestStdUnitAnswered(t *testing.T) {
	cfg, vetx := writeUnit(t, func(*unitConfig) {})
	if !answerWithoutFacts(cfg) {
		t.Fatal("unicode/utf8 for facts only was not answered")
	}
	data, err := vetxTypes(vetx)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, data...)), token.NewFileSet(), make(map[string]*types.Package), "unicode/utf8")
	if err != nil {
		t.Fatalf("importing the answered vetx: %v", err)
	}
	if fn, ok := pkg.Scope().Lookup("RuneLen").(*types.Func); !ok || fn.Signature().Params().Len() != 1 {
		t.Errorf("utf8.RuneLen missing or wrong in the exported API: %v", pkg.Scope().Lookup("RuneLen"))
	}
}

// Units the analyzers must see go to unitchecker: one whose diagnostics
// go vet wants, and packages of a module, even with a std-looking path.
func TestStdUnitLeftToUnitchecker(t *testing.T) {
	for name, edit := range map[string]func(*unitConfig){
		"diagnostics wanted": func(c *unitConfig) { c.VetxOnly = false },
		"module package":     func(c *unitConfig) { c.ModulePath = "example.com/m" },
		"non-std path":       func(c *unitConfig) { c.ImportPath = "example.com/utf8" },
	} {
		cfg, vetx := writeUnit(t, edit)
		if answerWithoutFacts(cfg) {
			t.Errorf("%s: answered as a std unit", name)
		}
		if _, err := os.Stat(vetx); err == nil {
			t.Errorf("%s: a vetx file was written", name)
		}
	}
}
