// Package d is imported by b's external test only for its side effects.
package d

import "example.com/mod/b"

func init() { _ = b.Fetch }
