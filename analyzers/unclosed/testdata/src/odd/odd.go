// Package odd holds code shapes that must not crash the engine.
package odd

import (
	"io"
	"iter"
	"net/http"
	"os"
)

// asmOnly is implemented in assembly: the engine cannot see its body and
// assumes it takes what it is given.
func asmOnly(f *os.File) int

func passedToAsm(p string) int {
	f, err := os.Open(p)
	if err != nil {
		return 0
	}
	return asmOnly(f)
}

// A generic container type with methods.
type Pool[T io.Closer] struct{ items []T }

func (p *Pool[T]) Put(x T) { p.items = append(p.items, x) }

func (p *Pool[T]) CloseAll() {
	for _, x := range p.items {
		x.Close()
	}
}

func intoGenericPool(p *Pool[*os.File], path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	p.Put(f)
	return nil
}

// Range over an iterator function.
func lines(paths []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, p := range paths {
			f, err := os.Open(p) // want `f from os.Open is not closed on the path that returns at line 52`
			if err != nil {
				continue
			}
			if !yield(f.Name()) {
				return
			}
			f.Close()
		}
	}
}

func rangeOverFunc(paths []string) (n int) {
	for name := range lines(paths) {
		resp, err := http.Get(name)
		if err != nil {
			continue
		}
		resp.Body.Close()
		n++
	}
	return n
}

// Recursion: summaries of a recursive function do not loop.
func closeChain(rcs []io.ReadCloser) {
	if len(rcs) == 0 {
		return
	}
	rcs[0].Close()
	closeChain(rcs[1:])
}

// The recursive call's path really leaks this response.
func selfRecursive(url string, depth int) error {
	resp, err := http.Get(url) // want `resp.Body from http.Get is not closed on the path that returns at line 87`
	if err != nil {
		return err
	}
	if depth > 0 {
		return selfRecursive(url, depth-1)
	}
	closeChain([]io.ReadCloser{resp.Body})
	return nil
}
