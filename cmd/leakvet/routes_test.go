package main_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/leakvet/leakvet/internal/driver"
)

// The in-process route must report what the go command's route reports,
// byte for byte, on every fixture module: the same units, the same facts,
// the same findings, the same exit code. A module that does not load
// falls back to go vet, and reads the same too.
func TestRoutesAgree(t *testing.T) {
	for _, name := range []string{"leaky", "pools", "suite", "generic", "tagged", "cgo", "editor", "clean", "broken"} {
		t.Run(name, func(t *testing.T) {
			dir := fixture(name)
			routes := []string{"govet", ""}
			if name != "broken" {
				routes = append(routes, "inprocess") // no fallback: an error fails the test
			}
			var outs []string
			var codes []int
			for _, route := range routes {
				cmd := exec.Command(binary, "-json", "./...")
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), driver.RouteEnv+"="+route, "LEAKVET_CACHE=off")
				out, err := cmd.Output()
				code := 0
				if exit, ok := err.(*exec.ExitError); ok {
					code = exit.ExitCode()
					if route == "inprocess" && code != 0 && code != 3 {
						t.Fatalf("in process: exit %d: %s", code, exit.Stderr)
					}
				} else if err != nil {
					t.Fatal(err)
				}
				outs, codes = append(outs, string(out)), append(codes, code)
			}
			for i := 1; i < len(outs); i++ {
				if outs[i] != outs[0] || codes[i] != codes[0] {
					t.Errorf("route %q: exit %d\n%s\ngo vet's route: exit %d\n%s", routes[i], codes[i], outs[i], codes[0], outs[0])
				}
			}
		})
	}
}
