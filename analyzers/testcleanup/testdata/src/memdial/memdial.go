// Package memdial tests dialers of in-memory and real connections.
package memdial
