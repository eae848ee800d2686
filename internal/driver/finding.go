package driver

import "go/token"

// A Finding is one diagnostic with every position resolved, so that it
// can be produced by any route (in-process analysis, go vet's JSON
// output, a cache) and consumed by every output (text, JSON, SARIF, fixes,
// baselines, the language server) without a token.FileSet.
type Finding struct {
	Analyzer string         // the analyzer's name, e.g. "unclosed"
	Category string         // the diagnostic's category: "normal", "error-path", "fail-path", ...
	Message  string         // the diagnostic's message
	Pos, End token.Position // the reported range; End may be zero
	Related  []Related      // related positions: creation site, leaking exit, call path
	Fixes    []Fix          // suggested fixes, each a set of edits
}

// Related is a secondary position of a Finding.
type Related struct {
	Pos, End token.Position
	Message  string
}

// Fix is a suggested fix: edits that are applied together.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) of Filename by NewText.
type Edit struct {
	Filename   string
	Start, End int // byte offsets in the file
	NewText    string
}
