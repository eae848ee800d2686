package dep // want package:"Analyzed unsummarised\\(zz_gen.go\\)"

import "io"

// HandClose is GenClose's twin in a hand-written file: summarised.
func HandClose(c io.Closer) { c.Close() } // want HandClose:"ClosesParam\\(0\\)"

// Wait waits on ch; its package has unread code, so no Stop fact says
// whether anything can stop it (user.Wait is the twin that has one).
func Wait(ch chan int) { <-ch }
