// Package tagged has a leak behind a build tag.
package tagged

// Name is always built.
func Name() string { return "tagged" }
