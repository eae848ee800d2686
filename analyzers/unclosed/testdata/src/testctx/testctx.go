// Package testctx checks the split between unclosed and testcleanup.
package testctx
