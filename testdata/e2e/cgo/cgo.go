// Package cgo mixes C and Go.
package cgo

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import "os"

// Twice doubles x in C.
func Twice(x int) int { return int(C.twice(C.int(x))) }

// NameLen leaks the file it opens.
func NameLen(p string) int {
	f, err := os.Open(p)
	if err != nil {
		return 0
	}
	return Twice(len(f.Name()))
}
