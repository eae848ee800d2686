// Package c imports b: the external test of b recompiles it.
package c

import "example.com/mod/b"

// Get fetches through b.
func Get() error { return b.Fetch("http://127.0.0.1:0/") }
