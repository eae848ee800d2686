package lifecycle

import "golang.org/x/tools/go/ssa"

// goNeverReturns reports whether the goroutine that g starts can never
// return, whatever it is given: every way out of its body waits on a
// dead stop source (a loop over a ticker's channel, a background
// context made inside it). It asks only the body's own stop summary,
// not what the spawning function binds: it runs while that function's
// ownership summary is being computed, when what the spawner's cancel
// functions do is not known yet.
func (e *engine) goNeverReturns(g *ssa.Go) bool {
	if g.Call.IsInvoke() {
		return false
	}
	s := e.stopSummaryOf(g.Call.StaticCallee())
	return s != nil && s.never != nil
}
