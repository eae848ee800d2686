// Package named is imported by name.
package named

import "example.com/mod/shared"

// X is a value.
var X = shared.Z
