package main

import "strings"

// factsNeutralFlags are the flags that change what go vet prints for the
// packages it reports on, and nothing in the facts of a dependency: the
// output format, -generated, and testcleanup's own option. The list
// flags that extend the engine's tables (-unclosed.types and the
// clientreuse lists) and the flags that switch analyzers on or off are
// not among them.
var factsNeutralFlags = map[string]bool{
	"json":                 true,
	"c":                    true,
	"fix":                  true,
	"diff":                 true,
	"generated":            true,
	"testcleanup.failpath": true,
}

// flagsKeepFacts reports whether each of args, the flags before a
// unit's configuration file, is a facts-neutral flag (-name or
// -name=value), so that a unit analysed only for facts can be answered
// without parsing them.
func flagsKeepFacts(args []string) bool {
	for _, arg := range args {
		name, ok := strings.CutPrefix(arg, "-")
		if !ok {
			return false // a flag's value in an argument of its own
		}
		name, _, _ = strings.Cut(strings.TrimPrefix(name, "-"), "=")
		if !factsNeutralFlags[name] {
			return false
		}
	}
	return true
}
