package user // want package:"Analyzed"

import (
	"io"

	"factsonly/dep"
)

// ViaGen hands c to a function the engine did not read: unknown, so
// ownership may have moved (TakesOwnership), not ClosesParam.
func ViaGen(c io.Closer) { dep.GenClose(c) } // want ViaGen:"TakesOwnership\\(0\\)"

// ViaHand hands c to a summarised function that closes it.
func ViaHand(c io.Closer) { dep.HandClose(c) } // want ViaHand:"ClosesParam\\(0\\)"

// Wait is dep.Wait's twin in a package without unread code.
func Wait(ch chan int) { <-ch } // want Wait:"StopsOnlyOn\\(0:recv\\)"
