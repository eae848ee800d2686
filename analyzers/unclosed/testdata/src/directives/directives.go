// Package directives checks //leakvet:ignore.
package directives

import "os"

func ignoredAbove(p string) {
	//leakvet:ignore unclosed the process exits right after this call
	f, _ := os.Open(p)
	println(f.Name())
}

func ignoredSameLine(p string) {
	f, _ := os.Open(p) //leakvet:ignore unclosed,gocancel closed by the OS at exit
	println(f.Name())
}

func ignoredOtherAnalyzer(p string) {
	//leakvet:ignore gocancel this silences another analyzer only
	f, _ := os.Open(p) // want `f from os.Open is never closed`
	println(f.Name())
}

// A malformed directive silences nothing; the directives analyzer reports it.
func noReason(p string) {
	//leakvet:ignore unclosed
	f, _ := os.Open(p) // want `f from os.Open is never closed`
	println(f.Name())
}

func unknownAnalyzer(p string) {
	//leakvet:ignore bodyclose it is fine
	f, _ := os.Open(p) // want `f from os.Open is never closed`
	println(f.Name())
}

func spacedForm(p string) {
	// leakvet:ignore unclosed the spaced form is understood too
	f, _ := os.Open(p)
	println(f.Name())
}

// Too far away: a directive covers its line and the next only.
func tooFar(p string) {
	//leakvet:ignore unclosed not adjacent

	f, _ := os.Open(p) // want `f from os.Open is never closed`
	println(f.Name())
}
