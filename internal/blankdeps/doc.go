// Package blankdeps finds the dependencies of a run that no analysed
// package reaches through a named import: packages imported only as
// `import _ "path"` (database drivers, image decoders), directly or only
// through other such packages.
//
// None of their objects can be named by an analysed package, so their
// function, method and package facts cannot be looked up from one; their
// code runs only through values registered at init, which the engine
// models by the standard library's table. Under go vet such a dependency
// can be answered with its types alone, without analysis or facts.
//
// The driver computes the set with Of before it runs go vet, writes
// it to a file (WriteFile) and names the file in the environment variable
// Env; go vet's tool reads it back (ReadFile) for each unit.
package blankdeps
