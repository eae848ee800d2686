package loud

import "net/http"

// passFS hands out what the file system it wraps opens.
type passFS struct {
	inner http.FileSystem
}

// Open opens name in the wrapped file system.
func (p passFS) Open(name string) (http.File, error) {
	return p.inner.Open(name)
}

// fakeFS opens files through a function the test supplies.
type fakeFS struct {
	open func(string) (http.File, error)
}

// Open calls the test's function.
func (f fakeFS) Open(name string) (http.File, error) {
	return f.open(name)
}
