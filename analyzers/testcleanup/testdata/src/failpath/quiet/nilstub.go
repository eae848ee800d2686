package quiet

import "net/http"

// staticFS serves files without directory listings; the files it hands
// out are what the file system it wraps opens.
type staticFS struct {
	inner http.FileSystem
}

// Open opens name in the wrapped file system.
func (s staticFS) Open(name string) (http.File, error) {
	f, err := s.inner.Open(name)
	if err != nil {
		return nil, err
	}
	return listless{f}, nil
}

// listless hides Readdir; Close is the wrapped file's.
type listless struct {
	http.File
}

// passFS hands out what the file system it wraps opens, unwrapped.
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
