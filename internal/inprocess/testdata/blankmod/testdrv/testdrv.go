// Package testdrv is imported blank by a test file only.
package testdrv
