package driver

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// pathShortener prints file names the way the go command does (and so go
// vet, staticcheck and golangci-lint): relative to the working directory
// when the file is under it, absolute otherwise.
type pathShortener struct {
	cwd string // "" when unknown: paths stay absolute
}

func newPathShortener() pathShortener {
	cwd, err := os.Getwd()
	if err != nil {
		return pathShortener{}
	}
	return pathShortener{cwd: cwd}
}

// path returns name relative to the working directory when that is
// shorter and does not climb out of it ("../x" is less clear than /abs/x).
func (s pathShortener) path(name string) string {
	if s.cwd == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(s.cwd, name)
	if err != nil || len(rel) >= len(name) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return rel
}

// position is p with its file name shortened.
func (s pathShortener) position(p token.Position) token.Position {
	p.Filename = s.path(p.Filename)
	return p
}

// message shortens the file name that starts msg, as in the go command's
// "/abs/dir/p.go:3:9: expected ')'" error lines.
func (s pathShortener) message(msg string) string {
	if !filepath.IsAbs(msg) {
		return msg
	}
	vol := filepath.VolumeName(msg) // C: on Windows
	name, rest, ok := strings.Cut(msg[len(vol):], ":")
	if !ok {
		return msg
	}
	return s.path(vol+name) + ":" + rest
}
