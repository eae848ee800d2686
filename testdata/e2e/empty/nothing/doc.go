// Package nothing declares nothing.
package nothing
