package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/gcexportdata"

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
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false
	}
	var cfg unitConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return false
	}
	if !cfg.VetxOnly || cfg.VetxOutput == "" || !isStdUnit(&cfg) && !blankOnlyDep(cfg.ImportPath) {
		return false
	}
	vetx, err := stdVetx(&cfg)
	if err != nil {
		return false
	}
	if cfg.Stdout != "" {
		if err := os.WriteFile(cfg.Stdout, nil, 0o666); err != nil {
			return false
		}
	}
	return os.WriteFile(cfg.VetxOutput, vetx, 0o666) == nil
}

// isStdUnit reports whether the unit is a package of the standard
// library (which belongs to no module).
func isStdUnit(cfg *unitConfig) bool {
	return cfg.ModulePath == "" && lifecycle.IsStdPath(cfg.ImportPath)
}

// vetxMagic starts a vetx file, the format x/tools' unitchecker writes
// and reads: "vetx", the lengths of the types and facts sections as
// little-endian uint32s, then the sections. The types section is indexed
// export data without the leading 'i' of gcexportdata.
const vetxMagic = "vetx"

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
	imports := make(map[string]*types.Package)
	importer := importerFunc(func(importPath string) (*types.Package, error) {
		path, ok := cfg.ImportMap[importPath]
		if !ok {
			return nil, fmt.Errorf("can't resolve import %q", importPath)
		}
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if pkg, ok := imports[path]; ok && pkg.Complete() {
			return pkg, nil
		}
		typesData, err := vetxTypes(cfg.PackageVetx[path])
		if err != nil {
			return nil, fmt.Errorf("importing %q: %w", path, err)
		}
		return gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, typesData...)), fset, imports, path)
	})
	tc := &types.Config{
		Importer:         importer,
		Sizes:            types.SizesFor("gc", build.Default.GOARCH),
		GoVersion:        cfg.GoVersion,
		IgnoreFuncBodies: true,
	}
	pkg, err := tc.Check(cfg.ImportPath, fset, files, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(vetxMagic)
	buf.Write(make([]byte, 8))
	if err := gcexportdata.Write(&buf, fset, pkg); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	// Drop gcexportdata's 'i': the types section is the bare index.
	out = append(out[:12], out[13:]...)
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-12))
	binary.LittleEndian.PutUint32(out[8:12], 0) // no facts
	return out, nil
}

// vetxTypes returns the types section of a vetx file.
func vetxTypes(file string) ([]byte, error) {
	if file == "" {
		return nil, fmt.Errorf("no vetx file")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 || string(data[:4]) != vetxMagic {
		return nil, fmt.Errorf("%s is not a vetx file", file)
	}
	n := binary.LittleEndian.Uint32(data[4:8])
	if uint64(12)+uint64(n) > uint64(len(data)) {
		return nil, fmt.Errorf("%s is truncated", file)
	}
	return data[12 : 12+n], nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
