// Package chained is imported blank by the driver only.
package chained
