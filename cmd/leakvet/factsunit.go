package main

import (
	"encoding/gob"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/inprocess"
	"github.com/leakvet/leakvet/internal/lifecycle"
)

// factsUnitConfig is the part of go vet's unit description that a unit
// analysed for its facts needs beyond a standard-library unit's.
type factsUnitConfig struct {
	unitConfig
	NonGoFiles    []string
	IgnoredFiles  []string
	ModuleVersion string
	Module        *analysis.Module // filled by go1.27 and later
}

// answerFactsUnit answers go vet for a package outside the standard
// library analysed only for the facts its importers need (VetxOnly), and
// reports whether it did. It does what unitchecker does for such a unit,
// for the engine alone (the only analyzer with facts; the others'
// diagnostics would be discarded), and type-checks no body the engine
// leaves unsummarised (stripGeneratedBodies). flags are the arguments
// before the configuration file. Anything unexpected (a flag that may
// change the facts, a type error, an error or a panic of the analysis)
// leaves the unit to unitchecker, which fails as it always did.
func answerFactsUnit(cfgFile string, flags []string) (answered bool) {
	defer func() {
		if recover() != nil {
			answered = false
		}
	}()
	if !flagsKeepFacts(flags) {
		return false
	}
	cfg, err := readUnitConfig(cfgFile)
	if err != nil {
		return false
	}
	std := cfg.Module == nil && isStdUnit(&cfg.unitConfig)
	if !cfg.VetxOnly || cfg.VetxOutput == "" || len(cfg.GoFiles) == 0 || std {
		return false
	}
	lifecycle.FactsOnly = true
	vetx, err := factsVetx(cfg)
	return err == nil && writeAnswer(&cfg.unitConfig, vetx)
}

// factsVetx parses and type-checks the unit, bodies of generated
// functions aside, runs the engine on it and returns its vetx file.
func factsVetx(cfg *factsUnitConfig) ([]byte, error) {
	fset := token.NewFileSet()
	files := make([]*ast.File, 0, len(cfg.GoFiles))
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("parsing the unit: %w", err)
		}
		files = append(files, f)
	}
	importer := newVetxImporter(&cfg.unitConfig, fset)
	stripped := make(map[string]bool)
	if hasStrippable(files) {
		// The engine's filter judges a function by its signature: a
		// declarations-only check gives the signatures.
		decls := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
		tc := &types.Config{
			Importer:         importer,
			Sizes:            types.SizesFor("gc", build.Default.GOARCH),
			GoVersion:        cfg.GoVersion,
			IgnoreFuncBodies: true,
			Error:            func(error) {}, // the full check below reports
		}
		tc.Check(cfg.ImportPath, fset, files, decls)
		filter := lifecycle.NewBodyFilter()
		droppable := func(fd *ast.FuncDecl) bool { return filter.Droppable(decls, fd) }
		for _, f := range stripGeneratedBodies(files, droppable) {
			stripped[fset.File(f.Pos()).Name()] = true
		}
	}
	pkg, info, err := checkUnit(cfg, fset, files, importer, stripped)
	if err != nil {
		return nil, err
	}
	a := lifecycle.Analyzer
	if len(a.Requires) > 0 {
		return nil, fmt.Errorf("the engine requires other analyzers")
	}
	for _, f := range a.FactTypes {
		gob.Register(f)
	}
	set, err := decodeFacts(pkg, func(path string) ([]byte, error) {
		if path == "unsafe" {
			return nil, nil
		}
		return importer.factsOf(path)
	})
	if err != nil {
		return nil, err
	}
	pass := factsPass(cfg, fset, files, pkg, info, set)
	if _, err := a.Run(pass); err != nil {
		return nil, fmt.Errorf("analysing %s: %w", pkg.Path(), err)
	}
	factsData, err := set.encode()
	if err != nil {
		return nil, err
	}
	return encodeVetx(fset, pkg, factsData)
}

// checkUnit type-checks the unit as unitchecker does, recording what the
// engine and go/ssa read. Soft errors in files that lost bodies (imports
// only the bodies used) are expected; any other error fails the unit.
func checkUnit(cfg *factsUnitConfig, fset *token.FileSet, files []*ast.File, importer types.Importer, stripped map[string]bool) (*types.Package, *types.Info, error) {
	var firstErr error
	tc := &types.Config{
		Importer:  importer,
		Sizes:     types.SizesFor("gc", build.Default.GOARCH),
		GoVersion: cfg.GoVersion,
		Error: func(err error) {
			var terr types.Error
			if errors.As(err, &terr) && terr.Soft && stripped[unitFileName(fset, terr.Pos)] {
				return
			}
			if firstErr == nil {
				firstErr = err
			}
		},
	}
	info := inprocess.NewInfo()
	pkg, _ := tc.Check(cfg.ImportPath, fset, files, info)
	if firstErr != nil {
		return nil, nil, fmt.Errorf("type-checking the unit: %w", firstErr)
	}
	return pkg, info, nil
}

// unitFileName returns the name of the file holding pos, as parsed
// (line directives aside).
func unitFileName(fset *token.FileSet, pos token.Pos) string {
	if f := fset.File(pos); f != nil {
		return f.Name()
	}
	return ""
}

// factsPass is the engine's pass over the unit, as unitchecker builds
// it, with the facts of set and diagnostics discarded.
func factsPass(cfg *factsUnitConfig, fset *token.FileSet, files []*ast.File, pkg *types.Package, info *types.Info, set *factSet) *analysis.Pass {
	a := lifecycle.Analyzer
	filter := make(map[reflect.Type]bool)
	for _, f := range a.FactTypes {
		filter[reflect.TypeOf(f)] = true
	}
	module := cfg.Module
	if module == nil && cfg.ModulePath != "" {
		module = &analysis.Module{Path: cfg.ModulePath, Version: cfg.ModuleVersion, GoVersion: cfg.GoVersion}
	}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              fset,
		Files:             files,
		OtherFiles:        cfg.NonGoFiles,
		IgnoredFiles:      cfg.IgnoredFiles,
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        types.SizesFor("gc", build.Default.GOARCH),
		ResultOf:          make(map[*analysis.Analyzer]any),
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  set.importObjectFact,
		ExportObjectFact:  set.exportObjectFact,
		AllObjectFacts:    func() []analysis.ObjectFact { return set.allObjectFacts(filter) },
		ImportPackageFact: set.importPackageFact,
		ExportPackageFact: set.exportPackageFact,
		AllPackageFacts:   func() []analysis.PackageFact { return set.allPackageFacts(filter) },
		Module:            module,
	}
	pass.ReadFile = inprocess.FileReader(pass)
	return pass
}
