// Package testbinmains: the mains of a test binary. TestMain and the
// Example functions run once per process, like main.main: what they (and
// the helpers only they call) open and never close lives as long as the
// process. A helper that tests call as well, or a loop that opens one
// more file per iteration, is still reported.
package testbinmains

// Greeting stands for the code under test.
func Greeting() string { return "hello" }
