package dep // want package:"Analyzed unsummarised\\(zz_gen.go\\)"

// HandFatal is Fatal's twin in a hand-written file: summarised.
func HandFatal(msg string) { panic(msg) } // want HandFatal:"NoReturn"

// Wait waits on ch; its package has unread code, so no Stop fact says
// whether anything can stop it (user.Wait is the twin that has one).
func Wait(ch chan int) { <-ch }
