// Package stranded fetches things slowly; its tests wait for them with
// timeouts.
package stranded

// Fetch pretends to be slow.
func Fetch() string { return "ok" }

// Index pretends to index one document.
func Index(doc string) int { return len(doc) }
