// Package drvlib only the driver uses.
package drvlib

// Y is a value.
var Y = 1
