// Package shared is used by the driver and, by name, by named.
package shared

// Z is a value.
var Z = 1
