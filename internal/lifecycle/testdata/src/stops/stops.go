// Package stops pins what the engine's goroutine analysis says about go
// statements in tests, independently of any analyzer's messages.
package stops
