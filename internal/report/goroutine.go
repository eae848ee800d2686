package report

import (
	"fmt"
	"go/token"
)

// InGoroutine words a resource handed to a goroutine that releases it on
// some paths but returns at exitLine on another without releasing it
// (lifecycle.LeakInGoroutine). No fix is offered: the release belongs in
// the goroutine, on the path that gives up.
func (s *Site) InGoroutine(fset *token.FileSet) string {
	a := s.A
	exit := "on another path"
	if pos := ExitPos(a.Leak.Exit); pos.IsValid() {
		exit = fmt.Sprintf("at line %d", fset.Position(pos).Line)
	}
	return fmt.Sprintf("%s from %s is %s by the goroutine it is handed to on some paths only: the goroutine returns %s without it being %s; %s it on every path of the goroutine (defer %s.%s() at its start)",
		s.Subject(), s.Callee(), a.Kind.Verb(), exit, a.Kind.Verb(), lowerFirst(a.Kind.FixMethod()), s.Subject(), a.Kind.FixMethod())
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
