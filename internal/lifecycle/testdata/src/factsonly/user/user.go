package user // want package:"Analyzed"

import (
	"io"

	"factsonly/dep"
)

// ViaClient hands c to a generated function that kept its body: its
// fact says the client wraps c, and the client dies here, so c is only
// lent (no fact), as if the dependency were analysed in full.
func ViaClient(c io.Closer) { dep.NewClient(c) }

// ViaShutdown calls a method left unread: unknown, so the client (and
// what it holds) may have been handed on.
func ViaShutdown(c io.Closer) { dep.NewClient(c).Shutdown() } // want ViaShutdown:"TakesOwnership\\(0\\)"

// ViaFatal calls a function left unread: not known to end the path.
func ViaFatal(msg string) { dep.Fatal(msg) }

// ViaHandFatal is ViaFatal's twin through a summarised function.
func ViaHandFatal(msg string) { dep.HandFatal(msg) } // want ViaHandFatal:"NoReturn"

// Wait is dep.Wait's twin in a package without unread code.
func Wait(ch chan int) { <-ch } // want Wait:"StopsOnlyOn\\(0:recv\\)"
