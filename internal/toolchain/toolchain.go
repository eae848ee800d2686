// Package toolchain detects a go command newer than the Go leakvet was
// built with.
//
// leakvet type-checks the standard library of the toolchain that builds
// the analysed module, with the go/types of the Go that built leakvet. A
// newer toolchain's standard library uses language features and APIs that
// go/types does not know, so the analysis fails deep inside it (a type
// error in internal/poll standalone, dozens of "exit status 1" lines under
// go vet). The toolchain is often not the user's choice: with the default
// GOTOOLCHAIN=auto, a `toolchain go1.N` or `go 1.N` line in go.mod makes
// the go command download and switch to that release. Every route checks
// the version first and stops with one line that says what to do.
package toolchain

import (
	"bytes"
	"fmt"
	"go/version"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"

	lvversion "github.com/leakvet/leakvet/internal/version"
)

// Check returns an error when goVersion, the go command's version (its
// GOVERSION), is a newer Go language version than builtWith, the
// version of the Go that built leakvet (runtime.Version()). Patch
// releases of the same language version are compatible; an unknown or
// malformed version is not an error (the analysis then says what fails).
func Check(goVersion, builtWith string) error {
	if !version.IsValid(goVersion) || !version.IsValid(builtWith) {
		return nil
	}
	if version.Compare(version.Lang(goVersion), version.Lang(builtWith)) <= 0 {
		return nil
	}
	return &TooNewError{GoVersion: goVersion, BuiltWith: builtWith, Rebuild: rebuildCommand(goVersion)}
}

// CheckRunning is Check against the Go that built the running binary.
func CheckRunning(goVersion string) error { return Check(goVersion, runtime.Version()) }

// TooNewError says that the analysed code needs a newer Go than leakvet
// was built with.
type TooNewError struct {
	GoVersion string // the go command's version, e.g. "go1.27.0"
	BuiltWith string // the Go that built leakvet, e.g. "go1.26.8"
	Rebuild   string // the command that rebuilds leakvet with GoVersion
}

func (e *TooNewError) Error() string {
	return fmt.Sprintf("the go command here is %s (selected by go.mod or GOTOOLCHAIN), newer than %s, which built leakvet, so leakvet cannot type-check its standard library; rebuild leakvet with %s: %s",
		e.GoVersion, e.BuiltWith, e.GoVersion, e.Rebuild)
}

// rebuildCommand is the command that rebuilds this leakvet with goVersion.
// GOTOOLCHAIN is set explicitly because go install ...@version builds with
// the Go that leakvet's own go.mod selects, not the analysed module's.
func rebuildCommand(goVersion string) string {
	info, ok := debug.ReadBuildInfo()
	if ok && info.Main.Path != lvversion.Module {
		// Built as a dependency: `go tool leakvet` builds it with the
		// go command's own toolchain.
		for _, d := range info.Deps {
			if d.Path == lvversion.Module {
				return "go tool leakvet (it builds leakvet with the module's Go)"
			}
		}
	}
	env := "GOTOOLCHAIN=" + goVersion
	v := lvversion.String()
	if strings.Contains(v, "-devel") {
		return env + " go install ./cmd/leakvet (in leakvet's source directory)"
	}
	return env + " go install " + lvversion.Module + "/cmd/leakvet@" + v
}

// GoVersion returns the version of the go command that builds the module
// in dir ("" is the working directory) under env (nil is the process's
// environment): `go env GOVERSION`, after any switch GOTOOLCHAIN makes.
func GoVersion(dir string, env []string) (string, error) {
	cmd := exec.Command("go", "env", "GOVERSION")
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("asking the go command for its version: %s", msg)
	}
	return strings.TrimSpace(string(out)), nil
}
