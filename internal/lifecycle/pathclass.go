package lifecycle

// PathClass says on what kind of path a finding leaks: the engine's exit
// classification, which analyzers turn into a diagnostic's Category
// (report.CategoryOf).
type PathClass uint8

const (
	// PathNormal: the ordinary path, the one every run takes.
	PathNormal PathClass = iota
	// PathError: a path on which the function gives up and returns a
	// non-nil error.
	PathError
	// PathFail: only a path on which a test has already failed (t.Fatal,
	// require.*) before the release was registered.
	PathFail
	// PathLoop: once per iteration of a loop.
	PathLoop
	// PathPerRequest: once per request a server handles.
	PathPerRequest
)

// Class classifies a leaking path of a: where the test has already
// failed, the next iteration of a loop, a return of an error, or the
// ordinary path.
func (a *Acquisition) Class(l *Leak) PathClass {
	switch {
	case l == nil:
		return PathNormal
	case a.FailPathOnly() && l == a.Leak:
		return PathFail
	case l.Kind == LeakNextIteration:
		return PathLoop
	case l.ErrorReturn:
		return PathError
	}
	return PathNormal
}

// Class classifies a repetition: once per request or once per loop
// iteration.
func (r *Repetition) Class() PathClass {
	if r.Entry != nil {
		return PathPerRequest
	}
	return PathLoop
}
