package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/gcexportdata"
)

// vetxMagic starts a vetx file, the format x/tools' unitchecker writes
// and reads: "vetx", the lengths of the types and facts sections as
// little-endian uint32s, then the sections. The types section is indexed
// export data without the leading 'i' of gcexportdata.
const vetxMagic = "vetx"

// vetxSections returns the types and facts sections of a vetx file.
func vetxSections(file string) (typesData, factsData []byte, err error) {
	if file == "" {
		return nil, nil, fmt.Errorf("no vetx file")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	if len(data) < 12 || string(data[:4]) != vetxMagic {
		return nil, nil, fmt.Errorf("%s is not a vetx file", file)
	}
	nTypes := uint64(binary.LittleEndian.Uint32(data[4:8]))
	nFacts := uint64(binary.LittleEndian.Uint32(data[8:12]))
	if 12+nTypes+nFacts > uint64(len(data)) {
		return nil, nil, fmt.Errorf("%s is truncated", file)
	}
	// The facts are copied: kept for the unit, they must not hold the
	// whole file.
	return data[12 : 12+nTypes], bytes.Clone(data[12+nTypes : 12+nTypes+nFacts]), nil
}

// vetxTypes returns the types section of a vetx file.
func vetxTypes(file string) ([]byte, error) {
	typesData, _, err := vetxSections(file)
	return typesData, err
}

// encodeVetx returns the vetx file of pkg with the given facts section.
func encodeVetx(fset *token.FileSet, pkg *types.Package, factsData []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(vetxMagic)
	buf.Write(make([]byte, 8))
	if err := gcexportdata.Write(&buf, fset, pkg); err != nil {
		return nil, fmt.Errorf("exporting the types of %s: %w", pkg.Path(), err)
	}
	out := buf.Bytes()
	// Drop gcexportdata's 'i': the types section is the bare index.
	out = append(out[:12], out[13:]...)
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-12))
	binary.LittleEndian.PutUint32(out[8:12], uint32(len(factsData)))
	return append(out, factsData...), nil
}

// vetxImporter imports the direct dependencies of a unit from the types
// sections of their vetx files, as unitchecker does, and keeps each file's
// facts section for the unit's facts.
type vetxImporter struct {
	cfg     *unitConfig
	fset    *token.FileSet
	imports map[string]*types.Package // by package path, as gcexportdata fills it
	facts   map[string][]byte         // facts section by package path, once read
}

func newVetxImporter(cfg *unitConfig, fset *token.FileSet) *vetxImporter {
	return &vetxImporter{cfg: cfg, fset: fset, imports: make(map[string]*types.Package), facts: make(map[string][]byte)}
}

// Import resolves an import path of the unit's source through the
// unit's import map and reads the package's vetx file.
func (v *vetxImporter) Import(importPath string) (*types.Package, error) {
	path, ok := v.cfg.ImportMap[importPath]
	if !ok {
		return nil, fmt.Errorf("can't resolve import %q", importPath)
	}
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if pkg, ok := v.imports[path]; ok && pkg.Complete() {
		return pkg, nil
	}
	typesData, factsData, err := vetxSections(v.cfg.PackageVetx[path])
	if err != nil {
		return nil, fmt.Errorf("importing %q: %w", path, err)
	}
	v.facts[path] = factsData
	return gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, typesData...)), v.fset, v.imports, path)
}

// factsOf returns the facts section of the vetx file of a direct import
// (by package path), reading it if the type checker did not.
func (v *vetxImporter) factsOf(path string) ([]byte, error) {
	if data, ok := v.facts[path]; ok {
		return data, nil
	}
	_, factsData, err := vetxSections(v.cfg.PackageVetx[path])
	if err != nil {
		return nil, fmt.Errorf("reading the facts of %q: %w", path, err)
	}
	v.facts[path] = factsData
	return factsData, nil
}
