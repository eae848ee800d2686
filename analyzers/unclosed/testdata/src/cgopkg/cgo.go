// Package cgopkg uses cgo; the engine analyses its Go code as usual.
package cgopkg

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

import "os"

func Twice(x int) int { return int(C.twice(C.int(x))) }

func cgoLeak(p string) int {
	f, err := os.Open(p) // want `f from os.Open is never closed`
	if err != nil {
		return 0
	}
	return Twice(len(f.Name()))
}
