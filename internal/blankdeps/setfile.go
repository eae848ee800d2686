package blankdeps

import (
	"fmt"
	"os"
	"strings"
)

// Env names the environment variable through which the driver hands go
// vet's tool the file of the set: one import path a line, sorted.
const Env = "LEAKVET_BLANK_DEPS"

// Format returns the content of a set file for paths, which must be
// sorted.
func Format(paths []string) []byte {
	var b strings.Builder
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// Parse returns the set a set file's content holds.
func Parse(data []byte) map[string]bool {
	set := make(map[string]bool)
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" {
			set[line] = true
		}
	}
	return set
}

// ReadFile reads the set file named by Env; an unset Env is no set.
func ReadFile() (data []byte, err error) {
	name := os.Getenv(Env)
	if name == "" {
		return nil, nil
	}
	data, err = os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading the set of blank-only dependencies: %w", err)
	}
	return data, nil
}
