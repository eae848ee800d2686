package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"

	"github.com/leakvet/leakvet/internal/lifecycle"
)

// unitConfig is the part of go vet's unit description (the *.cfg file of
// the unitchecker protocol) that a standard-library unit needs.
type unitConfig struct {
	ImportPath  string
	GoVersion   string
	GoFiles     []string
	ModulePath  string
	ImportMap   map[string]string
	PackageVetx map[string]string
	VetxOnly    bool
	VetxOutput  string
	Stdout      string
}

// answerWithoutFacts answers go vet for a unit analysed only for the
// facts its importers need, when the engine can learn nothing from it, and
// reports whether it did: a standard-library package (the built-in table
// summarises it) or a dependency the run reaches only through blank
// imports (blankunit.go). No analyzer runs: the package is parsed and its
// declarations type-checked, without function bodies, SSA or facts, and
// the vetx file carries its types (importers type-check against them)
// and no facts. Anything unexpected leaves the unit to unitchecker.
func answerWithoutFacts(cfgFile string) bool {
	unit, err := readUnitConfig(cfgFile)
	if err != nil {
		return false
	}
	cfg := unit.unitConfig
	if !cfg.VetxOnly || cfg.VetxOutput == "" || !isStdUnit(&cfg) && !blankOnlyDep(cfg.ImportPath) {
		return false
	}
	vetx, err := stdVetx(&cfg)
	return err == nil && writeAnswer(&cfg, vetx)
}

// writeAnswer writes a unit's answer to go vet: its vetx file, and the
// empty standard output it asks for. It reports whether both were
// written.
func writeAnswer(cfg *unitConfig, vetx []byte) bool {
	if cfg.Stdout != "" {
		if err := os.WriteFile(cfg.Stdout, nil, 0o666); err != nil {
			return false
		}
	}
	return os.WriteFile(cfg.VetxOutput, vetx, 0o666) == nil
}

// readUnitConfig reads go vet's description of a unit (its *.cfg file).
func readUnitConfig(cfgFile string) (*factsUnitConfig, error) {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return nil, fmt.Errorf("reading the unit's configuration: %w", err)
	}
	var cfg factsUnitConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("decoding the unit's configuration: %w", err)
	}
	return &cfg, nil
}

// isStdUnit reports whether the unit is a package of the standard
// library (which belongs to no module).
func isStdUnit(cfg *unitConfig) bool {
	return cfg.ModulePath == "" && lifecycle.IsStdPath(cfg.ImportPath)
}

// stdVetx type-checks the package's declarations and returns its vetx
// file with no facts: the answer of a standard-library unit, and of any
// other unit answerWithoutFacts takes.
func stdVetx(cfg *unitConfig) ([]byte, error) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	tc := &types.Config{
		Importer:         newVetxImporter(cfg, fset),
		Sizes:            types.SizesFor("gc", build.Default.GOARCH),
		GoVersion:        cfg.GoVersion,
		IgnoreFuncBodies: true,
	}
	pkg, err := tc.Check(cfg.ImportPath, fset, files, nil)
	if err != nil {
		return nil, err
	}
	return encodeVetx(fset, pkg, nil) // no facts
}
