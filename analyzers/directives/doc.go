// Package directives defines an Analyzer that reports //leakvet:ignore
// directives that are malformed or silence nothing.
//
// # Analyzer directives
//
// Report //leakvet:ignore directives that are malformed or silence nothing.
//
// A directive reads
//
//	//leakvet:ignore unclosed[,gocancel...] the reason
//
// and silences the named analyzers' reports on its own line and the line
// below. directives reports, under its own name rather than under one of
// the analyzers the directive names:
//   - a directive with no analyzer name, with a name that is not one of
//     leakvet's analyzers, or with no reason;
//   - a directive that silences nothing: none of the analyzers it names
//     reports anything on its line or the next, because the code was
//     fixed, the report moved, or the directive names the wrong analyzer
//     (a leak in a test function is testcleanup's, not unclosed's). Like
//     staticcheck's unused //lint:ignore report, it keeps directives from
//     outliving the reports they were written for and hiding the next one.
//
// A directive naming several analyzers is in use when any of them uses
// it. Switch this analyzer off with -directives=false; it runs the other
// analyzers, even switched off ones, to learn what they would report.
package directives
