// Package testenv lets tests skip what the machine cannot run, with a
// reason, unless CI says it must.
package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// RequireCgoEnv is the environment variable that makes NeedsCgo fail
// rather than skip: CI sets it, so that the cgo cases always run there.
const RequireCgoEnv = "LEAKVET_REQUIRE_CGO"

// NeedsCgo skips the test when the go command builds without cgo, as it
// does by default when no C compiler is found, and fails it instead when
// LEAKVET_REQUIRE_CGO is set.
func NeedsCgo(t testing.TB) {
	t.Helper()
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err == nil && strings.TrimSpace(string(out)) == "1" {
		return
	}
	why := "cgo is disabled (go env CGO_ENABLED is not 1: no C compiler was found, or CGO_ENABLED=0)"
	if err != nil {
		why = "cannot ask the go command whether cgo is enabled: " + err.Error()
	}
	if os.Getenv(RequireCgoEnv) != "" {
		t.Fatalf("%s, but %s is set", why, RequireCgoEnv)
	}
	t.Skipf("%s; install gcc to run this case (CI runs it)", why)
}
