// Package broken does not type-check.
package broken

import "os"

func Open(p string) int {
	f, _ := os.Open(p)
	return f.Size + undefinedName
}
