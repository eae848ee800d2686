//go:build linux && !leakvet_never

package odd

import "os"

func taggedLeak() string {
	f, _ := os.Open("/proc/self/status") // want `f from os.Open is never closed`
	return f.Name()
}
