package driver

import (
	"runtime"

	"github.com/leakvet/leakvet/internal/version"
)

// versionLine is what -version, --version and `leakvet version` print
// after the program name: leakvet's version and the Go that built it,
// which bounds the Go versions it can analyse, like `go version`'s
// "go1.26.8 linux/amd64".
func versionLine() string {
	return version.String() + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}
