package lifecycle

// FactsOnly is set by a driver that analyses a package only for the facts
// its importers need, and never reports on it: go vet's dependency units
// outside the standard library (VetxOnly in the unitchecker protocol).
// The engine then leaves the bodies of functions in generated files
// unsummarised (their calls are unknown to callers, as a package the
// engine never analysed would be), which is most of the cost of
// dependencies such as protobuf and Kubernetes API types and translated C.
// Like report.IncludeGenerated it is set once at start-up.
var FactsOnly bool
