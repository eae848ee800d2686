package lifecycle

import "golang.org/x/tools/go/ssa"

// goNeverReturns reports whether the goroutine that g starts can never
// return: every way out of its body waits on a dead stop source (a loop
// over a ticker's channel, a background context).
func (e *engine) goNeverReturns(g *ssa.Go) bool {
	if g.Call.IsInvoke() {
		return false
	}
	body := g.Call.StaticCallee()
	if body == nil {
		return false
	}
	return e.goStuck(g.Parent(), g, body) != nil
}
