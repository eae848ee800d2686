package blankdeps

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/leakvet/leakvet/internal/runcache"
)

// ImportsDigest hashes what the set can depend on inside the main module
// around dir: go.mod, go.sum, vendor/modules.txt and, of every Go file
// the go command could build, its name and its header up to the end of
// its imports (build constraints, package clause, imports, a cgo
// preamble). Editing a function body or appending a comment leaves it
// unchanged; adding, removing or renaming a file or an import changes it.
// Files outside the main module are covered by go.sum and the caller's
// inputs (the go executable, the environment).
func ImportsDigest(dir string) (string, error) {
	root, err := runcache.ModuleRoot(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "blank deps imports v1\nroot %q\n", root)
	fset := token.NewFileSet()
	err = runcache.WalkModule(root, func(path string, d fs.DirEntry) error {
		name := d.Name()
		switch {
		case path == filepath.Join(root, "go.mod"), path == filepath.Join(root, "go.sum"), name == "modules.txt":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "file %q %x\n", path, sha256.Sum256(data))
		case strings.HasSuffix(name, ".go"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "header %q %x\n", path, sha256.Sum256(header(fset, path, data)))
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing the module's imports: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// header returns a Go file's bytes up to the end of its last import
// declaration (of its package clause if it imports nothing), or all of
// them if it does not parse.
func header(fset *token.FileSet, path string, data []byte) []byte {
	f, err := parser.ParseFile(fset, path, data, parser.ImportsOnly|parser.SkipObjectResolution)
	if err != nil {
		return data
	}
	end := f.Name.End()
	if n := len(f.Decls); n > 0 {
		end = f.Decls[n-1].End()
	}
	off := fset.Position(end).Offset
	if off < 0 || off > len(data) {
		return data
	}
	return data[:off]
}
