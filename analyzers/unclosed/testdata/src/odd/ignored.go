//go:build ignore

package odd

import "os"

// Excluded by its build tag: never analysed, never reported.
func excluded() {
	f, _ := os.Open("x")
	println(f)
}
