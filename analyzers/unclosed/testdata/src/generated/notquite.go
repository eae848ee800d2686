// Code generated once by a script, then edited by hand: edit freely.

package generated

import "os"

// Append leaks its file: the header is not the standard one (no
// "DO NOT EDIT."), so the file is reported.
func Append(p string) {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0) // want `f from os.OpenFile is never closed`
	if err != nil {
		return
	}
	_, _ = f.WriteString("x")
}
