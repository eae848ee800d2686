// Package suite is the fixture of the golangci-lint plugin's end-to-end
// test (testdata/golangci): one file per analyzer of analyzers.All(), named
// after it, each with at least one case that analyzer reports. The test
// fails for an analyzer that has no file here.
//
// unclosed.go also holds the case a //nolint:leakvet silences, and the one
// whose suggested fix golangci-lint --fix applies (unclosed.go.golden is
// the file after the fix).
package suite
